package dev.runlock.landlock;

import java.util.EnumSet;
import java.util.Set;

/** Allows {@code access} (bind, connect) on one port, for IPv4 and IPv6 alike. */
public record PortRule(Set<AccessNet> access, int port, String origin) implements Rule {
    public PortRule {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 0-65535");
        }
        access = Set.copyOf(access);
    }

    public PortRule within(Set<AccessNet> handled) {
        EnumSet<AccessNet> kept = access.isEmpty() ? EnumSet.noneOf(AccessNet.class) : EnumSet.copyOf(access);
        kept.retainAll(handled);
        return new PortRule(kept, port, origin);
    }
}
