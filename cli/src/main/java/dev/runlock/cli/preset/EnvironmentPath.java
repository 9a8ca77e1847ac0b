package dev.runlock.cli.preset;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * A directory a variable of runlock's environment names ({@code $HOME}, {@code $TMPDIR},
 * {@code $JAVA_HOME}): normalised, its links resolved as far as it exists. The environment may
 * be hostile or careless, so a preset grants such a directory only after asking what it is.
 */
public record EnvironmentPath(Path path) {
    /** A directory no value from the environment may make a preset grant, nor anything in it. */
    private static final Set<String> SYSTEM = Set.of("bin", "boot", "dev", "etc", "proc", "sbin", "sys", "usr");
    /** Directories that hold others' files: one below them may be granted, never themselves. */
    private static final Set<String> SHARED = Set.of("home", "root", "run", "var");

    /** The directory {@code value} names, if it is an absolute path Java can name (its bytes are UTF-8). */
    public static Optional<EnvironmentPath> of(String value) {
        if (!value.startsWith("/")) {
            return Optional.empty();
        }
        Path path;
        try {
            path = Path.of(value).normalize();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(new EnvironmentPath(path.toRealPath()));
        } catch (IOException e) {
            return Optional.of(new EnvironmentPath(path));
        }
    }

    /** {@code $HOME} as a directory, if set to an absolute path. */
    static Optional<EnvironmentPath> home(PresetContext context) {
        return context.variable("HOME").flatMap(EnvironmentPath::of);
    }

    /** Whether this is {@code /}, {@code home} or a directory above it: granting it grants all of home. */
    boolean holds(Optional<EnvironmentPath> home) {
        return path.getParent() == null || home.map(h -> h.path.startsWith(path)).orElse(false);
    }

    /** Whether this is one of the system's own directories (/etc, /usr, /lib64...) or in one, or /home, /var... */
    boolean system() {
        if (path.getNameCount() == 0) {
            return true;
        }
        String top = path.getName(0).toString();
        return SYSTEM.contains(top) || top.startsWith("lib") || path.getNameCount() == 1 && SHARED.contains(top);
    }
}
