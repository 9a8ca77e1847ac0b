package dev.runlock.elf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ELF object in the loader's list: where it was found, its contents, and the object whose
 * DT_NEEDED first pulled it in ({@code null} for the executable), as glibc's {@code l_loader}.
 *
 * @param origin the directory {@code $ORIGIN} names: the executable's real directory, or the
 *     directory a library was found in
 */
record LoadedObject(Path path, ElfFile elf, LoadedObject loader, Path origin) {

    private static final Pattern TOKEN = Pattern.compile("\\$(\\{(ORIGIN|LIB|PLATFORM)}|(ORIGIN|LIB|PLATFORM)(?![A-Za-z0-9_]))");

    /** The main executable: glibc takes its origin from /proc/self/exe, which has no links left. */
    static LoadedObject executable(Path realPath, ElfFile elf) {
        return new LoadedObject(realPath, elf, null, realPath.getParent());
    }

    static LoadedObject library(Path foundAt, ElfFile elf, LoadedObject loader) {
        return new LoadedObject(foundAt, elf, loader, foundAt.getParent());
    }

    /** This object and those that loaded it, up to the executable. */
    List<LoadedObject> loaderChain() {
        List<LoadedObject> chain = new ArrayList<>();
        for (LoadedObject object = this; object != null; object = object.loader) {
            chain.add(object);
        }
        return chain;
    }

    /**
     * Expands {@code $ORIGIN}, {@code $LIB} and {@code $PLATFORM} in one path entry, or nothing when
     * a token has no value here (the loader then drops the entry).
     */
    Optional<String> expandTokens(String entry, RootedFiles files) {
        Matcher matcher = TOKEN.matcher(entry);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String token = matcher.group(2) != null ? matcher.group(2) : matcher.group(3);
            Optional<String> value = switch (token) {
                case "ORIGIN" -> Optional.of(files.guest(origin));
                case "LIB" -> Optional.of(elf.abi().lib(files.root()));
                default -> elf.abi().platform();
            };
            if (value.isEmpty()) {
                return Optional.empty();
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value.get()));
        }
        matcher.appendTail(out);
        return Optional.of(out.toString());
    }

    /** The directories of a colon-separated path list, tokens expanded; empty entries mean the working directory. */
    List<Path> directories(String list, String separators, RootedFiles files) {
        List<Path> dirs = new ArrayList<>();
        for (String entry : list.split("[" + separators + "]", -1)) {
            expandTokens(entry.isEmpty() ? "." : entry, files).map(files::host).ifPresent(dirs::add);
        }
        return dirs;
    }
}
