package dev.runlock.landlock.kernel;

import dev.runlock.landlock.Errno;

/** A system call failed; carries the call and its errno. */
public final class KernelException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String call;
    private final int errno;

    public KernelException(String call, int errno) {
        super(call + " failed: " + Errno.name(errno) + " (" + Errno.describe(errno) + ")");
        this.call = call;
        this.errno = errno;
    }

    public String call() {
        return call;
    }

    public int errno() {
        return errno;
    }
}
