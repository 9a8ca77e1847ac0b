package dev.runlock.launch;

import dev.runlock.landlock.CompatibilityException;

/**
 * The policy is a hard requirement ({@link dev.runlock.landlock.CompatLevel#HARD_REQUIREMENT})
 * and this kernel cannot enforce all of it (no Landlock, or rights of a newer ABI). The cause,
 * a {@link CompatibilityException}, lists what is missing.
 */
public final class UnsupportedKernelException extends SandboxException {
    private static final long serialVersionUID = 1L;

    UnsupportedKernelException(CompatibilityException cause) {
        super(cause.getMessage(), cause);
    }

    @Override
    public synchronized CompatibilityException getCause() {
        return (CompatibilityException) super.getCause();
    }
}
