package dev.runlock.cli.learn;

import java.util.List;

/**
 * Paths that code outside the sandbox runs or trusts later ({@code .git/hooks}, shell startup files,
 * {@code ~/.ssh}, ...): a learned section never makes one writable, since Landlock cannot carve a
 * path out of a granted tree. The cli answers from its shared table ({@code dev.runlock.cli.persistence}).
 */
public interface PersistencePoints {
    /**
     * The persistence points a writable grant on {@code path} (a real path, as a byte string) opens:
     * the one it is or lies in, and those below it. Empty when it opens none.
     */
    List<String> opened(String path);
}
