package dev.runlock.elf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * musl's order: LD_LIBRARY_PATH, then the run path (DT_RUNPATH, else DT_RPATH) of the requester and
 * of each object that loaded it, then the system path from {@code /etc/ld-musl-ARCH.path} or its
 * default. The names of libc's own parts are served by the loader itself.
 */
record MuslSearch(RootedFiles files, Optional<String> ldLibraryPath, String arch, List<String> warnings)
        implements LibrarySearch {

    private static final String DEFAULT_SYSTEM_PATH = "/lib:/usr/local/lib:/usr/lib";
    private static final Pattern RESERVED = Pattern.compile("lib(c|pthread|rt|m|dl|util|xnet)(\\.so)?");
    private static final Pattern LOADER_NAME = Pattern.compile("ld-musl-(.+)\\.so\\.1");

    /** The musl search for a program whose PT_INTERP is {@code interpreter}, if that is musl's loader. */
    static Optional<MuslSearch> forInterpreter(String interpreter, RootedFiles files, Optional<String> ldLibraryPath) {
        var matcher = LOADER_NAME.matcher(interpreter.substring(interpreter.lastIndexOf('/') + 1));
        return matcher.matches()
                ? Optional.of(new MuslSearch(files, ldLibraryPath, matcher.group(1), new ArrayList<>()))
                : Optional.empty();
    }

    @Override
    public List<Path> candidates(String name, LoadedObject requester) {
        if (name.indexOf('/') >= 0) {
            return List.of(files.host(name));
        }
        List<Path> dirs = new ArrayList<>();
        ldLibraryPath.ifPresent(list -> dirs.addAll(requester.directories(list, ":\n", files)));
        for (LoadedObject object : requester.loaderChain()) {
            object.elf().runpath().or(() -> object.elf().rpath())
                    .ifPresent(path -> dirs.addAll(object.directories(path, ":", files)));
        }
        systemPath().forEach(dir -> dirs.add(files.host(dir)));
        return dirs.stream().map(dir -> dir.resolve(name)).toList();
    }

    private List<String> systemPath() {
        String file = "/etc/ld-musl-" + arch + ".path";
        try {
            String text = Files.readString(files.host(file));
            return List.of(text.split("[:\n]")).stream().filter(s -> !s.isBlank()).map(String::strip).toList();
        } catch (NoSuchFileException e) {
            return List.of(DEFAULT_SYSTEM_PATH.split(":"));
        } catch (IOException | RuntimeException e) {
            warnings.add(ResolveException.oneLine(file + ": unreadable, using musl's default path: " + e.getMessage()));
            return List.of(DEFAULT_SYSTEM_PATH.split(":"));
        }
    }

    @Override
    public List<Path> variants(String name, LoadedObject requester) {
        return List.of();
    }

    @Override
    public List<String> preloads() {
        return List.of();
    }

    @Override
    public boolean providedByInterpreter(String name) {
        return RESERVED.matcher(name).matches();
    }
}
