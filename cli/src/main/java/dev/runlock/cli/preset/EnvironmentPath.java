package dev.runlock.cli.preset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * A path a preset computes rather than writes: a directory a variable of runlock's environment
 * names ({@code $HOME}, {@code $TMPDIR}, {@code $JAVA_HOME}), a python's library directory, an NSS
 * module, a link a preset path leads through; normalised, its links resolved as far as it exists.
 * The environment and a project's files may be hostile or careless, so a preset grants such a path
 * only after asking what it is.
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
        try {
            return Optional.of(real(Path.of(value)));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** {@code path} made absolute and normalised, its links resolved when it exists. */
    static EnvironmentPath real(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        try {
            return new EnvironmentPath(absolute.toRealPath());
        } catch (IOException e) {
            return new EnvironmentPath(absolute);
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

    /**
     * Why a preset must not grant this computed path: it is {@code /}, a top-level directory, or
     * the home directory or above it, each of which holds far more than any tool's own files.
     *
     * @return the reason, empty when it may be granted
     */
    Optional<String> refusal(Optional<EnvironmentPath> home) {
        if (path.getParent() == null) {
            return Optional.of("the root directory");
        }
        if (holds(home)) {
            return Optional.of("your home directory or above it");
        }
        return path.getNameCount() == 1 ? Optional.of("a top-level directory") : Optional.empty();
    }

    /** Whether this exists and belongs to the user runlock runs as. */
    boolean ownedByCaller() {
        try {
            return Files.getAttribute(path, "unix:uid").equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Whether this lies below {@code prefix} (not at it): a tool's own file, not another's. */
    boolean below(EnvironmentPath prefix) {
        return path.startsWith(prefix.path) && !path.equals(prefix.path);
    }

    /** Whether this is one of the system's own directories (/etc, /usr, /lib64...) or in one, or /home, /var... */
    boolean system() {
        return systemOwn() || path.getNameCount() == 1 && SHARED.contains(path.getName(0).toString());
    }

    /** Whether this is {@code /} or in one of the system's own directories (/etc, /usr, /lib64...). */
    boolean systemOwn() {
        if (path.getNameCount() == 0) {
            return true;
        }
        String top = path.getName(0).toString();
        return SYSTEM.contains(top) || top.startsWith("lib");
    }
}
