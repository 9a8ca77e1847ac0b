package dev.runlock.elf;

import dev.runlock.os.ByteStrings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds a command's file as execvp does: names with a slash directly, bare names on PATH. */
record CommandLookup(String path, RootedFiles files) {

    /**
     * @throws ResolveException if there is no such file, or it cannot be executed
     */
    Path find(String command) {
        if (command.isEmpty()) {
            throw new ResolveException("''", "empty command name");
        }
        if (command.indexOf('/') >= 0) {
            Path file = files.host(command);
            requireExecutable(command, files.target(file));
            return file;
        }
        Optional<Path> notExecutable = Optional.empty();
        for (String dir : path.split(":", -1)) {
            // An empty PATH element means the working directory.
            Path candidate = files.host(dir.isEmpty() ? "." : dir).resolve(ByteStrings.path(command));
            Path target = files.target(candidate);
            if (Files.isRegularFile(target)) {
                if (Files.isExecutable(target)) {
                    return candidate;
                }
                notExecutable = notExecutable.or(() -> Optional.of(candidate));
            }
        }
        // execvp reports EACCES over ENOENT when it saw a file it could not execute.
        notExecutable.ifPresent(file -> {
            throw new ResolveException(file.toString(), "not executable (found on PATH for '" + command + "')");
        });
        throw new ResolveException(command, "command not found on PATH (" + path + ")");
    }

    /** The checks execve makes before looking at the contents. */
    static void requireExecutable(String name, Path file) {
        if (!Files.exists(file)) {
            throw new ResolveException(name, "no such file");
        }
        if (Files.isDirectory(file)) {
            throw new ResolveException(name, "is a directory");
        }
        if (!Files.isRegularFile(file)) {
            throw new ResolveException(name, "not a regular file");
        }
        if (!Files.isExecutable(file)) {
            throw new ResolveException(name, "not executable");
        }
    }
}
