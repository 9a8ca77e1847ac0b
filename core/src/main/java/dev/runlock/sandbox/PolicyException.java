package dev.runlock.sandbox;

/** A policy cannot be turned into a sandbox, e.g. a granted path does not exist. */
public final class PolicyException extends Exception {
    private static final long serialVersionUID = 1L;

    public PolicyException(String message) {
        super(message);
    }
}
