package dev.runlock.sandbox;

import dev.runlock.landlock.AccessNet;

/** Ports the sandbox allows for one network right, and where the grant came from. */
public record PortGrant(AccessNet access, PortRange range, String origin) {
}
