package dev.runlock.sandbox;

import dev.runlock.landlock.Abi;
import dev.runlock.landlock.CompatLevel;
import dev.runlock.landlock.RestrictFlag;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the user asked of the sandbox, merged from flags and {@code sandbox.toml}, with
 * auto-imported files added. Immutable; built with {@link #builder()}.
 *
 * @param unrestricted the areas the sandbox leaves alone
 * @param logFlags audit flags for {@code restrict_self}
 * @param pin the ABI the user pinned: rights above it are not requested, every right up to it
 *            is owed; without a pin, rights up to the newest ABI are requested and
 *            {@link Abi#baseline()} is owed
 * @param ignoreMissing whether granted paths that do not exist are skipped instead of refused
 * @param keepCapabilities whether the command keeps runlock's capabilities (root's, when run by
 *            root) instead of starting with none
 */
public record Policy(
        List<PathGrant> paths,
        List<PortGrant> ports,
        Set<Area> unrestricted,
        Set<RestrictFlag> logFlags,
        CompatLevel compat,
        Optional<Abi> pin,
        boolean ignoreMissing,
        boolean keepCapabilities) {

    /** What a sandbox can leave unrestricted as a whole. */
    public enum Area {
        FILESYSTEM,
        /** TCP and UDP. */
        NETWORK,
        /** Signals and abstract UNIX sockets. */
        SCOPES
    }

    public Policy {
        paths = List.copyOf(paths);
        ports = List.copyOf(ports);
        unrestricted = Set.copyOf(unrestricted);
        logFlags = Set.copyOf(logFlags);
    }

    /** The newest ABI whose rights are requested. */
    public Abi target() {
        return pin.orElse(Abi.newest());
    }

    /** The newest ABI whose rights are owed to the user: the pin, else the baseline. */
    public Abi promised() {
        return pin.orElse(Abi.baseline());
    }

    /** An empty policy to add to: everything restricted, best effort, the newest ABI. */
    public static Builder builder() {
        return new Builder();
    }

    public Policy withPaths(List<PathGrant> more) {
        List<PathGrant> all = new ArrayList<>(paths);
        all.addAll(more);
        return new Policy(all, ports, unrestricted, logFlags, compat, pin, ignoreMissing, keepCapabilities);
    }

    /** Collects grants in the order given; each step names what it sets. */
    public static final class Builder {
        private final List<PathGrant> paths = new ArrayList<>();
        private final List<PortGrant> ports = new ArrayList<>();
        private final Set<Area> unrestricted = EnumSet.noneOf(Area.class);
        private final Set<RestrictFlag> logFlags = EnumSet.noneOf(RestrictFlag.class);
        private CompatLevel compat = CompatLevel.BEST_EFFORT;
        private Optional<Abi> pin = Optional.empty();
        private boolean ignoreMissing;
        private boolean keepCapabilities;

        private Builder() {
        }

        public Builder path(PathGrant grant) {
            paths.add(grant);
            return this;
        }

        public Builder port(PortGrant grant) {
            ports.add(grant);
            return this;
        }

        public Builder unrestrict(Area area) {
            unrestricted.add(area);
            return this;
        }

        public Builder log(RestrictFlag flag) {
            logFlags.add(flag);
            return this;
        }

        public Builder compat(CompatLevel level) {
            compat = level;
            return this;
        }

        public Builder pin(Abi abi) {
            pin = Optional.of(abi);
            return this;
        }

        public Builder ignoreMissing() {
            ignoreMissing = true;
            return this;
        }

        public Builder keepCapabilities() {
            keepCapabilities = true;
            return this;
        }

        public Policy build() {
            return new Policy(paths, ports, unrestricted, logFlags, compat, pin, ignoreMissing, keepCapabilities);
        }
    }
}
