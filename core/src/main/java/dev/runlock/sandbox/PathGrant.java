package dev.runlock.sandbox;

import java.nio.file.Path;

/** A path the sandbox allows, with what for and where the grant came from. */
public record PathGrant(Path path, Intent intent, String origin) {
}
