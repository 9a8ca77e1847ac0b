package dev.runlock.elf;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Gathers a closure's files, each once with the strongest role it was found in, and its warnings. */
final class ClosureCollector {

    private final RootedFiles files;
    private final Map<Path, FileRole> roles = new LinkedHashMap<>();
    private final Set<String> warnings = new LinkedHashSet<>();
    /** Files first added while {@link #dlopening} is set: what dlopen adds to a program's closure. */
    private final Set<Path> dlopened = new LinkedHashSet<>();
    private boolean dlopening;

    ClosureCollector(RootedFiles files) {
        this.files = files;
    }

    /**
     * Adds {@code path} and every link on the way to its file.
     *
     * @return the real file
     */
    Path add(Path path, FileRole role) {
        List<Path> chain;
        try {
            chain = files.chain(path);
        } catch (IOException e) {
            throw new ResolveException(path.toString(), "cannot follow: " + e.getMessage());
        }
        for (Path name : chain) {
            if (dlopening && !roles.containsKey(name)) {
                dlopened.add(name);
            }
            roles.merge(name, role, (old, added) -> added.needsExecute() && !old.needsExecute() ? added : old);
        }
        return chain.getLast();
    }

    /** Marks what is added from now on (until turned off) as loaded by dlopen. */
    void dlopening(boolean on) {
        dlopening = on;
    }

    /** The files dlopen added, links included, in the order found. */
    List<Path> dlopened() {
        return List.copyOf(dlopened);
    }

    void warn(String line) {
        warnings.add(ResolveException.oneLine(line));
    }

    ExecClosure toClosure(Path command) {
        List<ResolvedFile> resolved = new ArrayList<>(roles.size());
        roles.forEach((path, role) -> resolved.add(new ResolvedFile(path, role)));
        return new ExecClosure(command, resolved, List.copyOf(warnings));
    }
}
