package dev.runlock.cli.preset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds a python's library directories from its own files, as its startup does: the version from
 * the interpreter's real file name ({@code python3.11}), else every {@code lib/pythonX.Y} holding
 * the {@code os.py} landmark; under the prefix of each link on the way ({@code venv/bin/python}
 * and {@code /usr/bin/python3.11}), plus Debian's {@code dist-packages} beside them.
 */
final class PythonStdlib {
    private static final Pattern VERSIONED = Pattern.compile("python(\\d+\\.\\d+)");
    private static final Pattern LIB_DIR = Pattern.compile("python\\d+\\.\\d+");

    private PythonStdlib() {
    }

    /**
     * @param programs a command's files, links before the files they lead to
     * @return the existing library directories; empty unless a standard library ({@code os.py}) is among them
     */
    static List<Path> directories(List<Path> programs) {
        List<Path> pythons = programs.stream().filter(PythonStdlib::isPython).toList();
        Set<String> versions = new LinkedHashSet<>();
        for (Path python : pythons) {
            Matcher m = VERSIONED.matcher(python.getFileName().toString());
            if (m.matches()) {
                versions.add(m.group(1));
            }
        }
        Set<Path> dirs = new LinkedHashSet<>();
        for (Path python : pythons) {
            Path bin = python.toAbsolutePath().getParent();
            Path prefix = bin == null ? null : bin.getParent();
            if (prefix == null) {
                continue;
            }
            for (String lib : List.of("lib", "lib64")) {
                for (String version : versions.isEmpty() ? landmarked(prefix.resolve(lib)) : versions) {
                    dirs.add(prefix.resolve(lib).resolve("python" + version));
                    dirs.add(prefix.resolve("local").resolve(lib).resolve("python" + version));
                }
                dirs.add(prefix.resolve(lib).resolve("python3").resolve("dist-packages"));
            }
        }
        List<Path> existing = new ArrayList<>(dirs.stream().filter(Files::isDirectory).toList());
        boolean stdlib = existing.stream().anyMatch(dir -> Files.isRegularFile(dir.resolve("os.py")));
        return stdlib ? existing : List.of();
    }

    /** Whether {@code file} is named like a python interpreter ({@code python}, {@code python3.11}). */
    static boolean isPython(Path file) {
        return file.getFileName() != null && file.getFileName().toString().startsWith("python");
    }

    /** The X.Y of each {@code pythonX.Y} directory under {@code lib} that holds {@code os.py}. */
    private static List<String> landmarked(Path lib) {
        try (Stream<Path> entries = Files.list(lib)) {
            return entries.filter(dir -> LIB_DIR.matcher(dir.getFileName().toString()).matches())
                    .filter(dir -> Files.isRegularFile(dir.resolve("os.py")))
                    .map(dir -> dir.getFileName().toString().substring("python".length())).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
