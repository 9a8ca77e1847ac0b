package dev.runlock.sandbox;

import dev.runlock.landlock.AccessNet;

/**
 * Ports the sandbox allows for one network right, and where the grant came from.
 *
 * @param optional whether the grant is a convenience (a preset's) rather than the user's word: a
 *                 kernel that cannot enforce it is no reason to warn, nor to refuse a hard requirement
 */
public record PortGrant(AccessNet access, PortRange range, String origin, boolean optional) {
    /** A grant the user asked for. */
    public PortGrant(AccessNet access, PortRange range, String origin) {
        this(access, range, origin, false);
    }
}
