package dev.runlock.landlock;

import java.util.List;
import java.util.Set;

/**
 * What a Landlock ruleset holds: the handled rights and scopes, the {@code restrict_self} flags
 * and the rules. One value for the request (before the kernel is consulted) and the plan (after).
 *
 * @param handledFs filesystem rights denied unless a path rule grants them
 * @param handledNet network rights denied unless a port rule grants them
 * @param scopes IPC scopes closed to the outside of the sandbox
 * @param flags flags of {@code landlock_restrict_self}
 */
public record Ruleset(
        Set<AccessFs> handledFs,
        Set<AccessNet> handledNet,
        Set<Scope> scopes,
        Set<RestrictFlag> flags,
        List<PathRule> pathRules,
        List<PortRule> portRules) {

    /** A ruleset that restricts nothing. */
    public static final Ruleset NONE = new Ruleset(Set.of(), Set.of(), Set.of(), Set.of(), List.of(), List.of());

    public Ruleset {
        handledFs = Set.copyOf(handledFs);
        handledNet = Set.copyOf(handledNet);
        scopes = Set.copyOf(scopes);
        flags = Set.copyOf(flags);
        pathRules = List.copyOf(pathRules);
        portRules = List.copyOf(portRules);
    }

    /** Whether the ruleset restricts anything at all. */
    public boolean restrictsAnything() {
        return !handledFs.isEmpty() || !handledNet.isEmpty() || !scopes.isEmpty();
    }

    /** Whether TCP is restricted, so that the holes around TCP rights (MPTCP, SCTP, SMC) matter. */
    public boolean restrictsTcp() {
        return handledNet.contains(AccessNet.BIND_TCP) || handledNet.contains(AccessNet.CONNECT_TCP);
    }
}
