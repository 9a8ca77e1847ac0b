package dev.runlock.elf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * glibc's order: the requester's DT_RPATH and its loaders' (only without DT_RUNPATH), then
 * LD_LIBRARY_PATH, then the requester's DT_RUNPATH, then ld.so.cache, then the default directories
 * (the last two skipped for DF_1_NODEFLIB objects). Names with a slash are opened as they are.
 */
record GlibcSearch(RootedFiles files, Optional<String> ldLibraryPath, Supplier<Optional<LdCache>> cache,
        Supplier<List<String>> cacheWarnings, List<String> preloadWarnings) implements LibrarySearch {

    private static final String PRELOAD = "/etc/ld.so.preload";

    @Override
    public List<Path> candidates(String name, LoadedObject requester) {
        if (name.indexOf('/') >= 0) {
            return requester.expandTokens(name, files).map(files::host).stream().toList();
        }
        List<Path> dirs = new ArrayList<>();
        if (requester.elf().runpath().isEmpty()) {
            for (LoadedObject object : requester.loaderChain()) {
                object.elf().effectiveRpath().ifPresent(rpath -> dirs.addAll(object.directories(rpath, ":", files)));
            }
        }
        LoadedObject executable = requester.loaderChain().getLast();
        ldLibraryPath.ifPresent(list -> dirs.addAll(executable.directories(list, ":;", files)));
        requester.elf().runpath().ifPresent(runpath -> dirs.addAll(requester.directories(runpath, ":", files)));
        List<Path> candidates = new ArrayList<>(dirs.stream().map(dir -> dir.resolve(name)).toList());
        if (!requester.elf().noDefaultLib()) {
            cacheEntries(name, requester).stream().filter(e -> e.hwcaps().isEmpty())
                    .map(e -> files.host(e.path())).forEach(candidates::add);
            requester.elf().abi().defaultDirs().stream().map(dir -> files.root().resolve(dir).resolve(name))
                    .forEach(candidates::add);
        }
        return candidates;
    }

    @Override
    public List<Path> variants(String name, LoadedObject requester) {
        if (name.indexOf('/') >= 0 || requester.elf().noDefaultLib()) {
            return List.of();
        }
        return cacheEntries(name, requester).stream().filter(e -> e.hwcaps().isPresent())
                .map(e -> files.host(e.path())).toList();
    }

    private List<LdCache.Entry> cacheEntries(String name, LoadedObject requester) {
        return cache.get().map(c -> c.lookup(name, requester.elf().abi().cacheFlags())).orElse(List.of());
    }

    /** {@code /etc/ld.so.preload}: names or paths separated by blanks or colons. */
    @Override
    public List<String> preloads() {
        try {
            return Stream.of(Files.readString(files.target(files.host(PRELOAD))).split("[ \t\n:]+"))
                    .filter(name -> !name.isEmpty()).toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException | UncheckedIOException e) {
            preloadWarnings.add(ResolveException.oneLine(PRELOAD + ": ignored, cannot read: " + e.getMessage()));
            return List.of();
        }
    }

    @Override
    public boolean providedByInterpreter(String name) {
        return false;
    }

    @Override
    public List<String> warnings() {
        return Stream.concat(cacheWarnings.get().stream(), preloadWarnings.stream()).toList();
    }
}
