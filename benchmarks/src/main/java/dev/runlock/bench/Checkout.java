package dev.runlock.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The runlock checkout the benchmarks run from (the directory holding the {@code runlock}
 * launcher, found from the working directory upwards), and throw-away copies of its launcher.
 */
record Checkout(Path root) {
    static final String LAUNCHER = "runlock";
    static final Path JAR = Path.of("cli", "target", "runlock.jar");
    static final Path AOT_CACHE = Path.of("cli", "target", "runlock.aot");
    private static final Path FIND_JDK = Path.of("scripts", "find-jdk.sh");

    /** The checkout above the working directory; fails with what to do when there is none. */
    static Checkout find() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isExecutable(dir.resolve(LAUNCHER)) && Files.isRegularFile(dir.resolve(FIND_JDK))) {
                return new Checkout(dir);
            }
        }
        throw new IllegalStateException("no runlock checkout above " + start + ": run the benchmarks from it");
    }

    Path launcher() {
        return root.resolve(LAUNCHER);
    }

    /** runlock's jar; fails with what to do when it is not built. */
    Path jar() {
        Path jar = root.resolve(JAR);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is not built: run ./mvnw -q -DskipTests package");
        }
        return jar;
    }

    /** The unpacked distribution's launcher; fails with what to do when it is not built. */
    Path distLauncher() {
        try (Stream<Path> trees = Files.list(root.resolve("dist", "target"))) {
            return trees.map(tree -> tree.resolve("bin").resolve(LAUNCHER)).filter(Files::isExecutable).findFirst()
                    .orElseThrow();
        } catch (IOException | NoSuchElementException e) {
            throw new IllegalStateException("the distribution is not built: run ./mvnw -q -Pdist -DskipTests package", e);
        }
    }

    boolean hasAotCache() {
        return Files.isRegularFile(root.resolve(AOT_CACHE));
    }

    /**
     * A copy of the launcher in {@code dir} that runs {@code jar} exactly as {@code ./runlock}
     * runs runlock's jar (same script, same JVM flags), but without an AOT cache.
     */
    Path launcherFor(Path jar, Path dir) {
        try {
            Files.createDirectories(dir.resolve(JAR).getParent());
            Files.createDirectories(dir.resolve(FIND_JDK).getParent());
            Files.copy(launcher(), dir.resolve(LAUNCHER), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.COPY_ATTRIBUTES);
            Files.copy(root.resolve(FIND_JDK), dir.resolve(FIND_JDK), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(jar, dir.resolve(JAR), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            return dir.resolve(LAUNCHER);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the launcher to " + dir, e);
        }
    }

    /**
     * Gives a launcher copy (from {@link #launcherFor}) an AOT cache trained on one run of its jar,
     * made by the JDK's one-step workflow. The launcher shields its JVM from the caller's
     * JDK_JAVA_OPTIONS, so the training run uses a twin of the script whose flags gain only
     * {@code -XX:AOTCacheOutput}.
     */
    static void trainAotCache(Path launcherCopy, Path errors) {
        Path cache = launcherCopy.getParent().resolve(AOT_CACHE);
        Path trainer = launcherCopy.resolveSibling(LAUNCHER + "-training");
        try {
            String script = Files.readString(launcherCopy);
            String flags = "\nflags=(";
            if (!script.contains(flags)) {
                throw new IllegalStateException("no flags=( line in " + launcherCopy);
            }
            Files.writeString(trainer, script.replace(flags, flags + "-XX:AOTCacheOutput=" + cache + " "));
            trainer.toFile().setExecutable(true);
            Processes.run(List.of(trainer.toString()), Map.of(), errors);
            Files.delete(trainer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot train an AOT cache through " + trainer, e);
        }
        if (!Files.isRegularFile(cache)) {
            throw new IllegalStateException("no AOT cache at " + cache + " after a training run of " + launcherCopy);
        }
    }

    /** Writes a jar holding only {@code main}'s class file, with {@code main} as its entry point. */
    static Path mainJar(Class<?> main, Path jar) {
        String entry = main.getName().replace('.', '/') + ".class";
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, main.getName());
        try (var in = main.getClassLoader().getResourceAsStream(entry);
             JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            if (in == null) {
                throw new IllegalStateException("no " + entry + " on the class path");
            }
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + jar, e);
        }
    }

    /** Removes a directory made for a benchmark, with everything in it. */
    static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir, e);
        }
    }
}
