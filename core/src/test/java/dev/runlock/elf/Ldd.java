package dev.runlock.elf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** {@code ldd} as the tests' oracle: what glibc's loader itself maps for a program. */
final class Ldd {

    private static final Pattern MAPPED = Pattern.compile("\\s*(?:\\S+ => )?(/\\S+) \\(0x[0-9a-f]+\\)");
    private static final Pattern NOT_FOUND = Pattern.compile("\\s*(\\S+) => not found");

    private Ldd() {}

    static Optional<Path> tool() {
        return Tools.find("ldd");
    }

    /** The real paths of the files the loader maps for {@code program} (no vDSO). */
    static Set<Path> mappedFiles(Path program) throws IOException, InterruptedException {
        return lines(program).stream().map(MAPPED::matcher).filter(Matcher::matches)
                .map(m -> realPath(Path.of(m.group(1)))).collect(Collectors.toSet());
    }

    /** The DT_NEEDED names the loader could not find. */
    static Set<String> notFound(Path program) throws IOException, InterruptedException {
        return lines(program).stream().map(NOT_FOUND::matcher).filter(Matcher::matches).map(m -> m.group(1))
                .collect(Collectors.toSet());
    }

    private static List<String> lines(Path program) throws IOException, InterruptedException {
        return Tools.tryRun(List.of(tool().orElseThrow().toString(), program.toString())).output().lines().toList();
    }

    /** The real paths of a closure's files, except the command and the links to it. */
    static Set<Path> loadedFiles(ExecClosure closure) {
        return closure.files().stream().filter(f -> f.role() != FileRole.COMMAND)
                .map(f -> realPath(f.path())).collect(Collectors.toSet());
    }

    static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
