package dev.runlock.elf;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything the kernel and the dynamic loader open to start one command.
 *
 * @param command the command's file as found on PATH (before following symlinks)
 * @param files each file once, in discovery order: the command and its symlink chain first
 * @param warnings single-line notes, e.g. a library that was not found (the loader will report it)
 */
public record ExecClosure(Path command, List<ResolvedFile> files, List<String> warnings) {

    public ExecClosure {
        files = List.copyOf(files);
        warnings = List.copyOf(warnings);
    }
}
