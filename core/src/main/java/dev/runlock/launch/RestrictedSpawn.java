package dev.runlock.launch;

import dev.runlock.landlock.kernel.KernelException;
import dev.runlock.landlock.kernel.Kernel;
import dev.runlock.landlock.kernel.ProcessCalls;
import dev.runlock.sandbox.Sandbox;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The one step that differs from the exec path: a new platform thread, created for this launch
 * alone, prepares the {@code posix_spawn} call, restricts itself (no_new_privs, seccomp filter,
 * {@code landlock_restrict_self}, all without TSYNC, so on this thread only), drops its
 * capabilities (per thread too: root's JVM keeps its own), spawns the child, which inherits all
 * of it, and ends. No other thread of the JVM is ever restricted.
 */
final class RestrictedSpawn {

    static {
        // Everything the restricted thread runs is linked and loaded before any thread restricts itself.
        ProcessCalls.link();
        CapabilityDrop.warm();
    }

    private RestrictedSpawn() {
    }

    /** What the thread did: a pid, or the step that failed. */
    private static final class Outcome {
        int pid = -1;
        KernelException restrictFailure;
        KernelException spawnFailure;
        Throwable bug;
    }

    /**
     * Spawns {@code executable} under {@code prepared}'s sandbox.
     *
     * @param stdio for descriptors 0-2: what to duplicate onto it, or -1 to inherit the JVM's
     * @return the child's pid
     */
    static int spawn(Kernel kernel, PreparedSandboxes.Prepared prepared, boolean keepCapabilities, List<String> argv,
                     List<String> env, Optional<Path> directory, int[] stdio) throws SandboxException {
        Outcome outcome = new Outcome();
        Thread thread = Thread.ofPlatform().name("runlock-launch").daemon(true).unstarted(() -> {
            try (Arena arena = Arena.ofConfined();
                 ProcessCalls.Prepared call = ProcessCalls.prepare(arena, prepared.executable(), argv, env, directory, stdio)) {
                try {
                    new Sandbox(kernel).restrict(prepared.plan(), prepared.ruleset());
                    if (!keepCapabilities) {
                        CapabilityDrop.drop(kernel);
                    }
                } catch (KernelException e) {
                    outcome.restrictFailure = e;
                    return;
                }
                try {
                    outcome.pid = call.spawn();
                } catch (KernelException e) {
                    outcome.spawnFailure = e;
                }
            } catch (KernelException e) {
                outcome.spawnFailure = e;
            } catch (Throwable e) {
                outcome.bug = e;
            }
        });
        thread.start();
        joinUninterruptibly(thread);
        if (outcome.restrictFailure != null) {
            throw new RestrictionException("cannot restrict the launching thread: " + outcome.restrictFailure.getMessage(),
                    outcome.restrictFailure);
        }
        if (outcome.spawnFailure != null) {
            throw new SpawnException("cannot run " + argv.getFirst() + ": " + outcome.spawnFailure.getMessage(),
                    outcome.spawnFailure);
        }
        if (outcome.bug != null || outcome.pid <= 0) {
            // A pid of -1 or 0 must never reach kill(2): it would signal every process or the group.
            throw new IllegalStateException("the launching thread failed without a pid", outcome.bug);
        }
        return outcome.pid;
    }

    /** The thread may have started a child: its pid must come back whatever the caller's interrupts. */
    static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
