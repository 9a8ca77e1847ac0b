package dev.runlock.cli.preset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
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
        return uid(path).equals(Optional.of(caller()));
    }

    /**
     * Whether this may be a temporary directory: one every user shares that protects each one's
     * entries ({@code /tmp}: world-writable and sticky), or the caller's own that nobody else can
     * write; as root, one of those below a shared one ({@code mktemp -d}) or in root's own home,
     * since every other directory is root's too ({@code TMPDIR=/var/lib/dpkg/info} would hand over
     * what apt runs).
     */
    boolean temporary() {
        Optional<Integer> mode = mode(path);
        if (mode.isEmpty()) {
            return false;
        }
        if (shared(mode.get())) {
            return true;
        }
        if (!ownedByCaller() || (mode.get() & (GROUP_WRITE | OTHERS_WRITE)) != 0) {
            return false;
        }
        if (caller() != 0 || path.startsWith(Path.of(System.getProperty("user.home", "/root")))) {
            return true;
        }
        for (Path above = path.getParent(); above != null; above = above.getParent()) {
            if (mode(above).map(EnvironmentPath::shared).orElse(false)) {
                return true;
            }
        }
        return false;
    }

    /** World-writable and sticky: every user creates entries, none can move another's. */
    private static boolean shared(int mode) {
        return (mode & (STICKY | OTHERS_WRITE)) == (STICKY | OTHERS_WRITE);
    }

    /** Whether {@code path} is a directory (not a link) of the caller's that nobody else may write. */
    static boolean mineAlone(Path path) {
        return Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) && uid(path).equals(Optional.of(caller()))
                && mode(path).map(m -> (m & (GROUP_WRITE | OTHERS_WRITE)) == 0).orElse(false);
    }

    /**
     * Why {@code named}, reached from the environment or through links, might not stay what runlock
     * checked until Landlock opens it: an entry on its way (as named, or where its links lead) belongs
     * to a user other than root and the caller, or is a directory others can write without the sticky
     * bit; whoever owns or can write it could swap a link in between.
     *
     * @return the reason, empty when every entry on the way is steady
     */
    static Optional<String> unsteady(Path named, Path real) {
        int caller = caller();
        for (Path full : List.of(named.toAbsolutePath().normalize(), real)) {
            Path at = full.getRoot();
            for (Path name : full) {
                at = at.resolve(name);
                Optional<Integer> uid = uid(at);
                Optional<Integer> mode = mode(at);
                if (uid.isEmpty() || mode.isEmpty()) {
                    break;
                }
                if (uid.get() != 0 && uid.get() != caller) {
                    return Optional.of(at + " on the way is another user's");
                }
                if (Files.isDirectory(at, LinkOption.NOFOLLOW_LINKS) && (mode.get() & (GROUP_WRITE | OTHERS_WRITE)) != 0
                        && (mode.get() & STICKY) == 0) {
                    return Optional.of(at + " on the way is writable by others");
                }
            }
        }
        return Optional.empty();
    }

    private static final int STICKY = 01000;
    private static final int GROUP_WRITE = 020;
    private static final int OTHERS_WRITE = 02;

    private static Optional<Integer> uid(Path path) {
        return attribute(path, "unix:uid");
    }

    private static Optional<Integer> mode(Path path) {
        return attribute(path, "unix:mode");
    }

    private static Optional<Integer> attribute(Path path, String name) {
        try {
            return Optional.of((Integer) Files.getAttribute(path, name, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /** The user runlock runs as: the owner of its own /proc entry (where the /proc/self link leads). */
    private static int caller() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException e) {
            return -1;
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
