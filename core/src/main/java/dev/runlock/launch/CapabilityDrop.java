package dev.runlock.launch;

import dev.runlock.landlock.kernel.Kernel;
import dev.runlock.landlock.kernel.KernelException;

/**
 * Drops every capability of the calling thread, as the exec path does before execve; capabilities
 * are per thread, so the launching thread drops them for its child alone.
 */
final class CapabilityDrop {
    private CapabilityDrop() {
    }

    /** The bounding set first: dropping it needs CAP_SETPCAP, which the last step takes. */
    static void drop(Kernel kernel) throws KernelException {
        kernel.dropBoundingCapabilities();
        kernel.clearAmbientCapabilities();
        kernel.clearCapabilities();
    }

    /**
     * Runs the drop once on a throwaway thread, so that a launching thread loads nothing for it
     * once restricted. Its own class, not {@link RestrictedSpawn}'s initializer: the throwaway
     * thread would wait for that initializer, which waits for the thread.
     */
    static void warm() {
        Thread warm = Thread.ofPlatform().name("runlock-launch-warm").start(() -> {
            try {
                drop(SandboxPolicy.Kernels.LINUX);
            } catch (KernelException e) {
                // Refused here (a container without capset): a launch will say so itself.
            }
        });
        RestrictedSpawn.joinUninterruptibly(warm);
    }
}
