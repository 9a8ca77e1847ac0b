package dev.runlock.landlock;

import java.util.List;
import java.util.Set;

/**
 * The ruleset runlock will hand to the kernel, and what was given up on the way.
 * Serves {@code --explain}, {@code status} and the real run alike.
 *
 * @param kernel what the kernel offers
 * @param target the requested ABI (see {@link RulesetRequest#target()})
 * @param abi the ABI the ruleset is built for: the lower of kernel and target
 * @param applies whether a ruleset is created and enforced
 * @param dropped the requested features the kernel cannot enforce, e.g. {@code truncate (ABI 3)}
 * @param notice why nothing is enforced, or a note on a degraded feature; empty if none
 */
public record RulesetPlan(
        KernelSupport kernel,
        Abi target,
        Abi abi,
        Set<AccessFs> handledFs,
        Set<AccessNet> handledNet,
        Set<Scope> scopes,
        Set<RestrictFlag> flags,
        List<PathRule> pathRules,
        List<PortRule> portRules,
        Enforcement enforcement,
        boolean applies,
        List<String> dropped,
        String notice) {

    public RulesetPlan {
        handledFs = Set.copyOf(handledFs);
        handledNet = Set.copyOf(handledNet);
        scopes = Set.copyOf(scopes);
        flags = Set.copyOf(flags);
        pathRules = List.copyOf(pathRules);
        portRules = List.copyOf(portRules);
        dropped = List.copyOf(dropped);
    }

    /** Whether TCP is restricted, so that the MPTCP hole needs closing. */
    public boolean restrictsTcp() {
        return applies && (handledNet.contains(AccessNet.BIND_TCP) || handledNet.contains(AccessNet.CONNECT_TCP));
    }

    /**
     * The one warning line a degraded sandbox deserves, without the {@code runlock: } prefix,
     * or an empty string when the sandbox is what was asked for.
     */
    public String warning() {
        if (enforcement == Enforcement.NOT_ENFORCED) {
            return notice.isEmpty() ? "" : "warning: sandbox NOT enforced: " + notice;
        }
        if (enforcement == Enforcement.PARTIALLY_ENFORCED) {
            String line = "warning: sandbox partially enforced on Landlock " + abi + ": not restricted: "
                    + String.join(", ", dropped);
            return notice.isEmpty() ? line : line + "; " + notice;
        }
        return "";
    }
}
