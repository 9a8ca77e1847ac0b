package dev.runlock.cli.trust;

import dev.runlock.cli.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * OpenSSH's StrictModes for the files runlock reads as configuration: the file, every symbolic link
 * on the way to it and every directory it is looked up in must be owned by the caller or root and
 * not writable by group or others. A sticky directory (such as {@code /tmp}) may be writable by
 * others above an entry the caller or root owns, since only that owner can rename or remove it.
 * Whoever else could write any of them could swap the configuration under the caller.
 */
public final class StrictModes {
    private static final int TYPE = 0170000;
    private static final int DIRECTORY = 0040000;
    private static final int REGULAR = 0100000;
    private static final int SYMLINK = 0120000;
    private static final int STICKY = 01000;
    private static final int GROUP_OR_OTHER_WRITE = 0022;
    /** As Linux's MAXSYMLINKS: more links than this on one path is a loop. */
    private static final int MAX_LINKS = 40;

    private final Path named;
    private final String what;
    private final int caller;

    private StrictModes(Path named, String what) throws ConfigException {
        this.named = named;
        this.what = what;
        try {
            this.caller = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException e) {
            throw new ConfigException(named + ": cannot find out who runs runlock: " + ConfigFile.reason(e));
        }
    }

    /**
     * Checks the regular file {@code file} and the way to it; returns its real path.
     *
     * @param what what the file is to runlock, for messages ("config", "trust store")
     */
    public static Path regularFile(Path file, String what) throws ConfigException {
        return check(file, what, REGULAR, "not a regular file", what + " writable by group or others");
    }

    /** Checks the directory {@code directory} and the way to it, as the home of a file runlock writes. */
    public static Path directory(Path directory, String what) throws ConfigException {
        return check(directory, what, DIRECTORY, "not a directory",
                what + " in a directory writable by group or others");
    }

    private static Path check(Path path, String what, int type, String notOfType, String writable)
            throws ConfigException {
        Entry entry = new StrictModes(path, what).resolve(path.toAbsolutePath());
        if ((entry.mode & TYPE) != type) {
            throw new ConfigException(path + ": " + notOfType);
        }
        if ((entry.mode & GROUP_OR_OTHER_WRITE) != 0) {
            throw new ConfigException(path + ": refusing " + writable + " (chmod go-w " + entry.path + ")");
        }
        return entry.path;
    }

    /** The real path of {@code absolute}, checking each directory looked up in and each link followed. */
    private Entry resolve(Path absolute) throws ConfigException {
        Entry dir = stat(absolute.getRoot());
        Deque<String> names = new ArrayDeque<>();
        push(names, absolute);
        int links = 0;
        while (!names.isEmpty()) {
            String name = names.pop();
            if (name.equals(".") || name.isEmpty()) {
                continue;
            }
            if (name.equals("..")) {
                Path parent = dir.path.getParent();
                dir = parent == null ? dir : stat(parent);
                continue;
            }
            if ((dir.mode & TYPE) != DIRECTORY) {
                throw new ConfigException(named + ": cannot read: " + dir.path + " is not a directory");
            }
            Entry entry = stat(dir.path.resolve(name));
            boolean link = (entry.mode & TYPE) == SYMLINK;
            owned(entry, !link && names.isEmpty());
            lookedUpIn(dir, entry.uid);
            if (link) {
                if (++links > MAX_LINKS) {
                    throw new ConfigException(named + ": cannot read: too many levels of symbolic links");
                }
                Path target = readLink(entry.path);
                push(names, target);
                if (target.isAbsolute()) {
                    dir = stat(target.getRoot());
                }
                continue;
            }
            if (names.isEmpty()) {
                return entry;
            }
            dir = entry;
        }
        return dir;
    }

    /** A directory holding an entry owned by {@code childUid} must not let others swap that entry. */
    private void lookedUpIn(Entry dir, int childUid) throws ConfigException {
        boolean stickyOverTrusted = (dir.mode & STICKY) != 0 && trusted(childUid);
        if ((dir.mode & GROUP_OR_OTHER_WRITE) != 0 && !stickyOverTrusted) {
            throw new ConfigException(named + ": refusing " + what + ": directory " + dir.path
                    + " is writable by group or others (chmod go-w " + dir.path + ")");
        }
    }

    private void owned(Entry entry, boolean isTheFile) throws ConfigException {
        if (!trusted(entry.uid)) {
            throw new ConfigException(named + ": refusing " + what + (isTheFile ? "" : ": " + entry.path + " is")
                    + " owned by uid " + entry.uid + " (only the caller's or root's files are trusted)");
        }
    }

    private boolean trusted(int uid) {
        return uid == caller || uid == 0;
    }

    private static void push(Deque<String> names, Path path) {
        for (int i = path.getNameCount() - 1; i >= 0; i--) {
            names.push(path.getName(i).toString());
        }
    }

    private Entry stat(Path path) throws ConfigException {
        try {
            Map<String, Object> attributes = Files.readAttributes(path, "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
            return new Entry(path, (Integer) attributes.get("mode"), (Integer) attributes.get("uid"));
        } catch (IOException | UnsupportedOperationException e) {
            throw new ConfigException(named + ": cannot read: " + ConfigFile.reason(e)
                    + (path.equals(named.toAbsolutePath()) ? "" : " (" + path + ")"));
        }
    }

    private Path readLink(Path link) throws ConfigException {
        try {
            return Files.readSymbolicLink(link);
        } catch (IOException e) {
            throw new ConfigException(named + ": cannot read: " + ConfigFile.reason(e) + " (" + link + ")");
        }
    }

    private record Entry(Path path, int mode, int uid) {
    }
}
