package dev.runlock.elf;

import java.nio.file.Path;
import java.util.Objects;

/** One file a command needs, with the reason it is needed. */
public record ResolvedFile(Path path, FileRole role) {

    public ResolvedFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(role, "role");
    }
}
