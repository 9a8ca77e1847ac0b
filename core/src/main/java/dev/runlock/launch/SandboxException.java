package dev.runlock.launch;

import java.io.IOException;

/**
 * A sandboxed launch failed and started nothing. An {@link IOException}, as from
 * {@link ProcessBuilder#start()}; the subclass says which step failed.
 */
public abstract sealed class SandboxException extends IOException
        permits InvalidPolicyException, UnsupportedKernelException, RestrictionException, SpawnException {
    private static final long serialVersionUID = 1L;

    SandboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
