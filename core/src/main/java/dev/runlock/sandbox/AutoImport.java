package dev.runlock.sandbox;

import dev.runlock.elf.ExecClosure;
import dev.runlock.elf.FileRole;
import dev.runlock.elf.ResolvedFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Grants what a command needs to start: execute on what the kernel execs (the command, its
 * ELF interpreter, script interpreters) and only read on shared libraries, which the loader
 * maps without the kernel checking execute.
 */
public final class AutoImport {
    /** The loader reads its cache before searching directories; granting it keeps lookups fast. */
    static final Path LOADER_CACHE = Path.of("/etc/ld.so.cache");

    private AutoImport() {
    }

    /** Grants for the files of {@code closures} whose role {@code imports} includes, each once. */
    public static List<PathGrant> grants(List<ExecClosure> closures, Imports imports) {
        Map<Path, PathGrant> grants = new LinkedHashMap<>();
        boolean libraries = false;
        for (ExecClosure closure : closures) {
            for (ResolvedFile file : closure.files()) {
                if (!imports.includes(file.role())) {
                    continue;
                }
                libraries |= file.role() == FileRole.LIBRARY;
                Intent intent = file.role().needsExecute() ? Intent.EXEC_FILE : Intent.READ_FILE_ONLY;
                PathGrant grant = new PathGrant(file.path(), intent, "auto-import (" + file.role().noun() + ")");
                grants.merge(file.path(), grant, (a, b) -> a.intent() == Intent.EXEC_FILE ? a : b);
            }
        }
        if (libraries && Files.isRegularFile(LOADER_CACHE)) {
            grants.putIfAbsent(LOADER_CACHE, new PathGrant(LOADER_CACHE, Intent.READ_FILE_ONLY, "auto-import (loader cache)"));
        }
        return new ArrayList<>(grants.values());
    }
}
