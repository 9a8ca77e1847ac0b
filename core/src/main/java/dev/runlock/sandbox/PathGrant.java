package dev.runlock.sandbox;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A path the sandbox allows, with what for and where the grant came from. The path is kept
 * {@linkplain #normal(Path) normal}, so {@code --rw .} is granted, printed and merged as the
 * directory it names.
 *
 * @param optional whether the grant is a convenience (a preset's) rather than the user's word: a
 *                 kernel that cannot enforce it is no reason to warn, nor to refuse a hard requirement
 */
public record PathGrant(Path path, Intent intent, String origin, boolean optional) {
    public PathGrant {
        path = normal(path);
    }

    /** A grant the user asked for. */
    public PathGrant(Path path, Intent intent, String origin) {
        this(path, intent, origin, false);
    }

    /**
     * {@code path} without {@code .} and empty names. A {@code ..} is resolved as the kernel
     * resolves it, through the links before it ({@code link/..} is the link target's parent),
     * when that part exists; otherwise lexically, and the missing path is reported as such.
     */
    public static Path normal(Path path) {
        int parent = -1;
        for (int i = 0; i < path.getNameCount(); i++) {
            if (path.getName(i).toString().equals("..")) {
                parent = i;
            }
        }
        if (parent < 0 || !path.isAbsolute()) {
            return path.normalize();
        }
        Path upTo = path.getRoot().resolve(path.subpath(0, parent + 1));
        try {
            Path real = upTo.toRealPath();
            return parent + 1 == path.getNameCount() ? real : real.resolve(path.subpath(parent + 1, path.getNameCount())).normalize();
        } catch (IOException e) {
            return path.normalize();
        }
    }
}
