package dev.runlock.sandbox;

import dev.runlock.landlock.Abi;
import dev.runlock.landlock.CompatLevel;
import dev.runlock.landlock.RestrictFlag;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Everything the user asked of the sandbox, merged from flags and {@code sandbox.toml}, with
 * auto-imported files added. Immutable.
 *
 * @param target rights up to this ABI are requested: the {@code --abi} pin, else the newest
 */
public record Policy(
        List<PathGrant> paths,
        List<PortGrant> ports,
        boolean unrestrictedFilesystem,
        boolean unrestrictedNetwork,
        boolean unrestrictedScopes,
        Set<RestrictFlag> logFlags,
        CompatLevel compat,
        Abi target,
        boolean ignoreMissing) {

    public Policy {
        paths = List.copyOf(paths);
        ports = List.copyOf(ports);
        logFlags = Set.copyOf(logFlags);
    }

    public Policy withPaths(List<PathGrant> more) {
        List<PathGrant> all = new ArrayList<>(paths);
        all.addAll(more);
        return new Policy(all, ports, unrestrictedFilesystem, unrestrictedNetwork, unrestrictedScopes, logFlags,
                compat, target, ignoreMissing);
    }
}
