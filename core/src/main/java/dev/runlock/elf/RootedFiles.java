package dev.runlock.elf;

import dev.runlock.os.ByteStrings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Absolute names as the command sees them, mapped under a root directory ({@code /} outside tests),
 * and the symlink chains the kernel follows when it opens one.
 */
record RootedFiles(Path root) {

    /** Linux gives up after 40 links (ELOOP). */
    private static final int MAX_LINKS = 40;

    private boolean isHostRoot() {
        return root.getParent() == null;
    }

    /**
     * The host path of a name (a {@link ByteStrings} string): absolute names under the root, relative
     * ones from the working directory.
     */
    Path host(String name) {
        Path path = ByteStrings.path(name);
        if (!path.isAbsolute()) {
            return path.toAbsolutePath();
        }
        // Kept as written: '..' after a symlink is the kernel's to resolve, not ours.
        return isHostRoot() ? path : root.resolve(ByteStrings.path(name.substring(1)));
    }

    /** The name the command would use for a host path ({@code $ORIGIN} is expanded with it). */
    String guest(Path host) {
        if (isHostRoot() || !host.startsWith(root)) {
            return host.toString();
        }
        return "/" + root.relativize(host);
    }

    /**
     * The file to open for {@code path}: the path itself on the host root, where the kernel follows
     * links, else the end of its chain, so that absolute links stay under the root.
     */
    Path target(Path path) {
        if (isHostRoot()) {
            return path;
        }
        try {
            return chain(path).getLast();
        } catch (IOException e) {
            return path;
        }
    }

    /**
     * The names the kernel goes through to open {@code path}: each name in its symlink chain, then the
     * final file. Each link the kernel opens needs the rights of the file it leads to.
     *
     * @throws IOException if a link cannot be read or the chain is too long
     */
    List<Path> chain(Path path) throws IOException {
        List<Path> names = new ArrayList<>();
        Path current = path;
        while (Files.isSymbolicLink(current)) {
            if (names.size() == MAX_LINKS) {
                throw new IOException("too many levels of symbolic links");
            }
            names.add(current);
            Path target = Files.readSymbolicLink(current);
            current = target.isAbsolute() ? host(target.toString()) : current.resolveSibling(target);
        }
        // A host root lets the kernel's own answer settle directory links and '..'.
        Path real = isHostRoot() ? current.toRealPath() : current.normalize();
        if (!names.contains(real)) {
            names.add(real);
        }
        return names;
    }
}
