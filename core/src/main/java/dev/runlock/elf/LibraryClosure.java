package dev.runlock.elf;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;

/**
 * The objects a dynamic loader maps for one executable: its interpreter, then DT_NEEDED
 * breadth-first as glibc loads them (so the first object to need a name is its loader), each file
 * once, recognised by name, soname or real path.
 */
final class LibraryClosure {

    private final LibrarySearch search;
    private final RootedFiles files;
    private final ClosureCollector out;
    private final ElfProbe probe;
    private final Set<String> names = new HashSet<>();
    private final Set<Path> realPaths = new HashSet<>();
    private final Queue<LoadedObject> queue = new ArrayDeque<>();

    private LibraryClosure(LibrarySearch search, RootedFiles files, ClosureCollector out) {
        this.search = search;
        this.files = files;
        this.out = out;
        this.probe = new ElfProbe(files, out);
    }

    /**
     * Adds the interpreter and libraries of a dynamically linked executable to {@code out}.
     *
     * @param realPath the executable's file, links resolved
     * @param interpreter its PT_INTERP
     * @param dlopened names the program opens with dlopen once started, loaded on its behalf last
     */
    static void load(Path realPath, ElfFile elf, String interpreter, LibrarySearch search, List<String> dlopened,
            RootedFiles files, ClosureCollector out) {
        LibraryClosure closure = new LibraryClosure(search, files, out);
        closure.interpreter(realPath, elf, interpreter);
        LoadedObject executable = LoadedObject.executable(realPath, elf);
        closure.enqueue(executable, realPath);
        // Preloaded objects come before the executable's own needs, loaded on its behalf.
        search.preloads().stream().filter(closure.names::add).forEach(name -> closure.find(name, executable));
        closure.run();
        out.dlopening(true);
        dlopened.stream().filter(closure.names::add).forEach(name -> closure.find(name, executable));
        closure.run();
        out.dlopening(false);
        search.warnings().forEach(out::warn);
    }

    private void interpreter(Path executable, ElfFile elf, String name) {
        Path path = files.host(name);
        ElfFile loader = probe.compatible(path, elf.abi()).orElseThrow(() -> new ResolveException(
                executable.toString(), "ELF interpreter " + name + " does not exist or does not match the program"));
        names.add(path.getFileName().toString());
        loader.soname().ifPresent(names::add);
        realPaths.add(out.add(path, FileRole.ELF_INTERPRETER));
    }

    private void enqueue(LoadedObject object, Path realPath) {
        realPaths.add(realPath);
        object.elf().soname().ifPresent(names::add);
        queue.add(object);
    }

    private void run() {
        for (LoadedObject object = queue.poll(); object != null; object = queue.poll()) {
            for (String name : object.elf().needed()) {
                if (names.add(name) && !search.providedByInterpreter(name)) {
                    find(name, object);
                }
            }
        }
    }

    private void find(String name, LoadedObject requester) {
        // The first loadable candidate wins; the loader reports a missing one itself when it starts.
        if (search.candidates(name, requester).stream().noneMatch(candidate -> load(candidate, requester))) {
            out.warn(name + " (needed by " + requester.path() + ") not found");
            return;
        }
        search.variants(name, requester).forEach(variant -> load(variant, requester));
    }

    /** Loads {@code candidate} if it is a library of the requester's ABI (and not loaded already). */
    private boolean load(Path candidate, LoadedObject requester) {
        Optional<ElfFile> elf = probe.compatible(candidate, requester.elf().abi());
        if (elf.isEmpty()) {
            return false;
        }
        Path realPath = out.add(candidate, FileRole.LIBRARY);
        if (!realPaths.contains(realPath)) {
            enqueue(LoadedObject.library(candidate, elf.get(), requester), realPath);
        }
        return true;
    }
}
