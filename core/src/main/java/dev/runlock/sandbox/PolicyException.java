package dev.runlock.sandbox;

/** A policy cannot be turned into a sandbox: a granted path does not exist. */
public final class PolicyException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient PathGrant missing;

    public PolicyException(PathGrant missing) {
        super("path does not exist: " + missing.path() + " (" + missing.origin() + ")");
        this.missing = missing;
    }

    /** The grant whose path does not exist. */
    public PathGrant missing() {
        return missing;
    }
}
