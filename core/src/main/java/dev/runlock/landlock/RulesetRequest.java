package dev.runlock.landlock;

import java.util.List;
import java.util.Set;

/**
 * The sandbox a policy asks for, before the kernel is consulted.
 *
 * @param target the newest ABI whose rights are requested (the {@code --abi} pin, else the
 *               newest known): rights newer than it are neither handled nor granted
 */
public record RulesetRequest(
        Abi target,
        Set<AccessFs> handledFs,
        Set<AccessNet> handledNet,
        Set<Scope> scopes,
        Set<RestrictFlag> flags,
        List<PathRule> pathRules,
        List<PortRule> portRules,
        CompatLevel compat) {

    public RulesetRequest {
        handledFs = Set.copyOf(handledFs);
        handledNet = Set.copyOf(handledNet);
        scopes = Set.copyOf(scopes);
        flags = Set.copyOf(flags);
        pathRules = List.copyOf(pathRules);
        portRules = List.copyOf(portRules);
    }

    /** Whether the request restricts anything at all. */
    public boolean restrictsAnything() {
        return !handledFs.isEmpty() || !handledNet.isEmpty() || !scopes.isEmpty();
    }
}
