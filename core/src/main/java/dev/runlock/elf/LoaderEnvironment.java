package dev.runlock.elf;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What the command will see that changes how it is found and loaded.
 *
 * @param path the PATH the command is looked up on; {@code null} means execvp's default
 * @param ldLibraryPath LD_LIBRARY_PATH as passed to the command, or {@code null} if it gets none
 * @param root the file system root absolute names are resolved under; {@code /} but for tests
 */
public record LoaderEnvironment(String path, String ldLibraryPath, Path root) {

    /** execvp's PATH when the variable is unset. */
    static final String DEFAULT_PATH = "/bin:/usr/bin";

    public LoaderEnvironment {
        path = path == null ? DEFAULT_PATH : path;
        root = Objects.requireNonNullElse(root, Path.of("/")).toAbsolutePath();
    }

    /** The environment of a command started on this host's root. */
    public LoaderEnvironment(String path, String ldLibraryPath) {
        this(path, ldLibraryPath, null);
    }
}
