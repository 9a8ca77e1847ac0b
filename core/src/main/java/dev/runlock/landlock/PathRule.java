package dev.runlock.landlock;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * Allows {@code access} on {@code path} and, for a directory, everything beneath it.
 *
 * @param directory whether the path is a directory; rules on other files carry only file rights
 */
public record PathRule(Path path, boolean directory, Set<AccessFs> access, String origin) implements Rule {
    public PathRule {
        access = access.isEmpty() ? EnumSet.noneOf(AccessFs.class) : EnumSet.copyOf(access);
        if (!directory) {
            access.retainAll(AccessFs.fileRights());
        }
        access = Set.copyOf(access);
    }

    /** The same rule restricted to {@code handled}. */
    public PathRule within(Set<AccessFs> handled) {
        EnumSet<AccessFs> kept = access.isEmpty() ? EnumSet.noneOf(AccessFs.class) : EnumSet.copyOf(access);
        kept.retainAll(handled);
        return new PathRule(path, directory, kept, origin);
    }
}
