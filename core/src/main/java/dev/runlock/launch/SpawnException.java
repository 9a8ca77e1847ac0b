package dev.runlock.launch;

/**
 * The sandbox was ready but the child could not be started: the command was not found or could
 * not be executed (in the sandbox: a command the policy does not let run fails here), or a
 * redirect could not be opened.
 */
public final class SpawnException extends SandboxException {
    private static final long serialVersionUID = 1L;

    SpawnException(String message, Throwable cause) {
        super(message, cause);
    }
}
