package dev.runlock.cli.preset;

import dev.runlock.elf.ExecutableResolver;
import dev.runlock.elf.ResolveException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared libraries a python's compiled modules ({@code lib-dynload/_ssl*.so}, a site's
 * {@code *.so}) need: {@code import ssl} makes the interpreter dlopen {@code _ssl}, whose loader
 * maps {@code libssl.so.3}. Found by the ELF resolver as the interpreter's loader would find them.
 * A site may hold a large tree (or a venv someone else filled), so the walk is bounded; the
 * standard library's own compiled modules ({@code lib-dynload}) are walked first, with a budget of
 * their own, so that no site (pyenv's {@code site-packages} lies in the standard library's
 * directory) can use it up before them.
 */
final class PythonModules {
    /** How deep below a library directory a module is looked for ({@code numpy/_core/_multiarray.so}: 2). */
    static final int MAX_DEPTH = 6;
    /**
     * How many directory entries the walk visits at most: once over the {@code lib-dynload}
     * directories, once over the rest of the library directories.
     */
    static final int MAX_ENTRIES = 20_000;
    /** The standard library's directory of compiled modules, in the directory of its {@code *.py}. */
    private static final String LIB_DYNLOAD = "lib-dynload";
    /** How many modules are resolved at most. */
    static final int MAX_MODULES = 1_000;

    private PythonModules() {
    }

    /**
     * The {@code *.so} files in and below {@code dirs}, within the bounds above. Only directories a
     * module can be imported from are entered: a package's name has no dot, so {@code __pycache__},
     * {@code *.dist-info} and the files beside the modules cost no {@code stat}; links are not followed.
     */
    static List<Path> compiled(List<Path> dirs) {
        List<Path> modules = new ArrayList<>();
        int[] dynloadBudget = {MAX_ENTRIES};
        for (Path dir : dirs) {
            Path dynload = dir.resolve(LIB_DYNLOAD);
            if (Files.isDirectory(dynload, LinkOption.NOFOLLOW_LINKS)) {
                walk(dynload, 0, modules, dynloadBudget);
            }
        }
        int[] budget = {MAX_ENTRIES};
        for (Path dir : dirs) {
            walk(dir, 0, modules, budget);
        }
        return modules;
    }

    private static void walk(Path dir, int depth, List<Path> modules, int[] budget) {
        List<Path> packages = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (--budget[0] < 0 || modules.size() == MAX_MODULES) {
                    return;
                }
                String name = entry.getFileName().toString();
                if (name.endsWith(".so")) {
                    modules.add(entry);
                } else if (depth < MAX_DEPTH && name.indexOf('.') < 0 && !name.equals("__pycache__")
                        && !(depth == 0 && name.equals(LIB_DYNLOAD))
                        && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    packages.add(entry);
                }
            }
        } catch (IOException e) {
            // An unreadable directory holds no module python could load either.
            return;
        }
        packages.forEach(p -> walk(p, depth + 1, modules, budget));
    }

    /**
     * The libraries {@code python} maps when it imports each of {@code modules}, outside {@code dirs}
     * (which are granted already); none when python cannot be resolved.
     */
    static List<Path> libraries(ExecutableResolver resolver, Path python, List<Path> dirs, List<Path> modules) {
        if (modules.isEmpty()) {
            return List.of();
        }
        try {
            return resolver.dlopened(python.toString(), modules.stream().map(Path::toString).toList()).stream()
                    .filter(file -> dirs.stream().noneMatch(file::startsWith)).toList();
        } catch (ResolveException e) {
            return List.of();
        }
    }
}
