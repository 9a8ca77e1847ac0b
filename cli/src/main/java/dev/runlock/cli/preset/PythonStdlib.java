package dev.runlock.cli.preset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds a python's library directories from its own files, as its startup does: the version from
 * the interpreter's real file name ({@code python3.11}), else every {@code lib/pythonX.Y} holding
 * the {@code os.py} landmark; under the prefix of each link on the way ({@code venv/bin/python}
 * and {@code /usr/bin/python3.11}), plus Debian's {@code dist-packages} beside them. A project's
 * venv is the project's to shape, so a library directory counts only where its real path lies
 * below its own prefix's real path ({@code venv/lib/python3.11 -> /} does not).
 */
final class PythonStdlib {
    private static final Pattern VERSIONED = Pattern.compile("python(\\d+\\.\\d+)");
    private static final Pattern LIB_DIR = Pattern.compile("python\\d+\\.\\d+");

    private PythonStdlib() {
    }

    /**
     * What was found.
     *
     * @param directories the library directories, below their prefix; empty unless a standard
     *                    library ({@code os.py}) is among them
     * @param refused each directory that resolves out of its prefix, as {@code DIR -> REAL (outside PREFIX)}
     */
    record Libraries(List<Path> directories, List<String> refused) {
        Libraries {
            directories = List.copyOf(directories);
            refused = List.copyOf(refused);
        }
    }

    /** @param programs a command's files, links before the files they lead to */
    static Libraries directories(List<Path> programs) {
        List<Path> pythons = programs.stream().filter(p -> p.getFileName() != null
                && p.getFileName().toString().startsWith("python")).toList();
        Set<String> versions = new LinkedHashSet<>();
        for (Path python : pythons) {
            Matcher m = VERSIONED.matcher(python.getFileName().toString());
            if (m.matches()) {
                versions.add(m.group(1));
            }
        }
        Map<Path, Path> dirs = new LinkedHashMap<>();
        for (Path python : pythons) {
            Path bin = python.toAbsolutePath().getParent();
            Path prefix = bin == null ? null : bin.getParent();
            if (prefix == null) {
                continue;
            }
            for (String lib : List.of("lib", "lib64")) {
                for (String version : versions.isEmpty() ? landmarked(prefix.resolve(lib)) : versions) {
                    dirs.putIfAbsent(prefix.resolve(lib).resolve("python" + version), prefix);
                    dirs.putIfAbsent(prefix.resolve("local").resolve(lib).resolve("python" + version), prefix);
                }
                dirs.putIfAbsent(prefix.resolve(lib).resolve("python3").resolve("dist-packages"), prefix);
            }
        }
        List<Path> existing = new ArrayList<>();
        Map<Path, String> outside = new LinkedHashMap<>();
        dirs.forEach((dir, prefix) -> {
            if (Files.isDirectory(dir)) {
                EnvironmentPath real = EnvironmentPath.real(dir);
                EnvironmentPath own = EnvironmentPath.real(prefix);
                if (real.below(own)) {
                    existing.add(dir);
                } else {
                    outside.put(real.path(), dir + " -> " + real.path() + " (outside " + own.path() + ")");
                }
            }
        });
        // A link out of one prefix into another's library (a venv's lib to /usr's) refuses nothing that is granted.
        existing.forEach(dir -> outside.remove(EnvironmentPath.real(dir).path()));
        boolean stdlib = existing.stream().anyMatch(dir -> Files.isRegularFile(dir.resolve("os.py")));
        return new Libraries(stdlib ? existing : List.of(), List.copyOf(outside.values()));
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
