package dev.runlock.kernels;

import java.io.Serial;

/** A kernel of the matrix could not be prepared, booted or checked; the message says why. */
public final class KernelRunException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    public KernelRunException(String message) {
        super(message);
    }
}
