package dev.runlock.sandbox;

import dev.runlock.landlock.kernel.ExecKernel;
import dev.runlock.landlock.kernel.KernelException;

/**
 * Replaces the JVM with the command: same PID, so its exit status and signals are the user's.
 * The command sees the process state it would see if started directly, except the sandbox.
 */
public final class Exec {
    private Exec() {
    }

    /**
     * Flushes runlock's output, resets signals, closes descriptors, ties the command's life to
     * runlock's parent and drops capabilities as {@code command} asks, then execs it. Returns only if that failed.
     *
     * @return the error of the step that failed (usually execve); never thrown
     * @throws IllegalStateException if execve returned without an error, which only a fake kernel does
     */
    public static KernelException exec(ExecKernel kernel, Launch command) {
        System.out.flush();
        System.err.flush();
        try {
            kernel.clearSignalMask();
            kernel.ignoreSignals(command.ignoredSignals());
            kernel.closeOnExecAbove2(command.keepFds());
            if (command.directory().isPresent()) {
                kernel.changeDirectory(command.directory().getAsInt());
            }
            if (command.newSession()) {
                kernel.newSession();
            }
            if (command.parent().isPresent()) {
                kernel.endWithParent(command.parent().getAsLong());
            }
            if (!command.keepCapabilities()) {
                // Bounding first: dropping it needs CAP_SETPCAP, which the last step takes away.
                kernel.dropBoundingCapabilities();
                kernel.clearAmbientCapabilities();
                kernel.clearCapabilities();
            }
            kernel.execve(command.path(), command.argv(), command.env());
            throw new IllegalStateException("execve returned");
        } catch (KernelException e) {
            return e;
        }
    }
}
