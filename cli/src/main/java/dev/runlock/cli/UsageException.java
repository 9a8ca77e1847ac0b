package dev.runlock.cli;

/** Bad input from the user: reported as one line, exit status 1. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
