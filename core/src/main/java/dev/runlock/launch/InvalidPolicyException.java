package dev.runlock.launch;

/**
 * The policy cannot become a sandbox: a granted path does not exist (unless the policy ignores
 * missing paths). The cause is a {@link dev.runlock.sandbox.PolicyException} naming the grant.
 */
public final class InvalidPolicyException extends SandboxException {
    private static final long serialVersionUID = 1L;

    InvalidPolicyException(String message, Throwable cause) {
        super(message, cause);
    }
}
