package dev.runlock.launch;

/**
 * Building the ruleset or restricting the launching thread failed (a system call refused); the
 * child was not started. The cause is a {@link dev.runlock.landlock.kernel.KernelException}
 * with the call and its errno.
 */
public final class RestrictionException extends SandboxException {
    private static final long serialVersionUID = 1L;

    RestrictionException(String message, Throwable cause) {
        super(message, cause);
    }
}
