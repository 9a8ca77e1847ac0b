package dev.runlock.landlock.kernel;

/** Everything runlock asks of the kernel: the Landlock calls and the hand-over to the command. */
public interface Kernel extends LandlockKernel, ExecKernel {
}
