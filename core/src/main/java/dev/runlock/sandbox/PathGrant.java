package dev.runlock.sandbox;

import java.nio.file.Path;

/**
 * A path the sandbox allows, with what for and where the grant came from.
 *
 * @param optional whether the grant is a convenience (a preset's) rather than the user's word: a
 *                 kernel that cannot enforce it is no reason to warn, nor to refuse a hard requirement
 */
public record PathGrant(Path path, Intent intent, String origin, boolean optional) {
    /** A grant the user asked for. */
    public PathGrant(Path path, Intent intent, String origin) {
        this(path, intent, origin, false);
    }
}
