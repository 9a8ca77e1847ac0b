package dev.runlock.cli.preset;

import dev.runlock.elf.ExecutableResolver;
import dev.runlock.elf.LoaderEnvironment;
import dev.runlock.elf.ResolveException;
import dev.runlock.elf.ResolvedFile;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The values a preset path may start with, {@code {NAME}}, computed on the machine runlock runs on:
 * the only code behind {@code presets.toml}, which stays declarative.
 */
public enum Placeholder {
    /** {@code $HOME}, when it is a directory of the user runlock runs as: another's holds what they put there. */
    HOME {
        @Override
        Values values(PresetContext context) {
            if (context.variable("HOME").isEmpty()) {
                return Values.none("HOME is not set");
            }
            return EnvironmentPath.home(context).map(home -> home.ownedByCaller() ? Values.of(home.path())
                            : Values.none("HOME " + home.path() + " is no directory of yours"))
                    .orElse(Values.none("HOME is not an absolute UTF-8 path"));
        }
    },
    /**
     * {@code $TMPDIR}, else {@code /tmp}; {@code /tmp} with a warning when TMPDIR is relative, is
     * {@code /}, a system directory, the home directory or above it, or no {@link
     * EnvironmentPath#temporary temporary directory}: preset {@code tmp} grants it read-write, and
     * the build-tool presets include {@code tmp}.
     */
    TMPDIR {
        @Override
        Values values(PresetContext context) {
            Path tmp = Path.of("/tmp");
            Optional<String> given = context.variable("TMPDIR");
            if (given.isEmpty()) {
                return Values.of(tmp);
            }
            Optional<EnvironmentPath> dir = EnvironmentPath.of(given.get());
            if (dir.isPresent() && !dir.get().system() && !dir.get().holds(EnvironmentPath.home(context))
                    && dir.get().temporary()) {
                return Values.of(dir.get().path());
            }
            return Values.of(tmp).warning("TMPDIR '" + given.get() + "' is not granted (a temporary directory must be"
                    + " an absolute path, not /, a system directory, your home or a directory above it, and shared"
                    + " with the sticky bit like /tmp or yours alone; as root, below such a shared one or in root's"
                    + " home): " + tmp + " is granted instead");
        }
    },
    /**
     * {@code $JAVA_HOME}, else the JDK whose {@code bin/java} is first on {@code PATH}, links resolved;
     * only a JDK (a {@code release} file and {@code bin/java}) that is not {@code /}, a top-level
     * directory, the home directory or above it, since presets grant it read-execute.
     */
    JAVA_HOME {
        @Override
        Values values(PresetContext context) {
            Optional<EnvironmentPath> home = EnvironmentPath.home(context);
            Optional<String> given = context.variable("JAVA_HOME");
            if (given.isPresent()) {
                return EnvironmentPath.of(given.get()).filter(dir -> jdk(dir, home)).map(dir -> Values.of(dir.path()))
                        .orElse(Values.none("JAVA_HOME '" + given.get() + "' is not a JDK (with release and bin/java)"
                                + " other than /, a top-level directory, your home or a directory above it"));
            }
            for (String dir : context.variable("PATH").orElse("").split(File.pathSeparator)) {
                Optional<EnvironmentPath> jdk = EnvironmentPath.of(dir).flatMap(bin -> {
                    try {
                        Path java = bin.path().resolve("java").toRealPath();
                        return java.getNameCount() < 2 ? Optional.empty()
                                : EnvironmentPath.of(java.getParent().getParent().toString());
                    } catch (IOException e) {
                        // No java here, or a dangling link: the next directory may hold a JDK.
                        return Optional.empty();
                    }
                }).filter(candidate -> jdk(candidate, home));
                if (jdk.isPresent()) {
                    return Values.of(jdk.get().path());
                }
            }
            return Values.none("JAVA_HOME is not set and no JDK's bin/java is on PATH");
        }

        private static boolean jdk(EnvironmentPath dir, Optional<EnvironmentPath> home) {
            return Files.isRegularFile(dir.path().resolve("release")) && Files.isExecutable(dir.path().resolve("bin/java"))
                    && dir.refusal(home).isEmpty();
        }
    },
    /**
     * The standard library of the python being run: the command's (or its {@code #!} interpreter's),
     * else that of the first {@code python3} on PATH that has one.
     */
    PYTHON_STDLIB {
        @Override
        Values values(PresetContext context) {
            PythonSearch search = python(context, resolver(context));
            Values found = search.python().map(python -> new Values(python.dirs(), "")).orElse(Values.none(NO_PYTHON));
            return search.refused().isEmpty() ? found : found.warning("python library directories not granted (each must"
                    + " lie below its python's own prefix): " + String.join(", ", search.refused()));
        }
    },
    /**
     * The shared libraries the compiled modules of that python need ({@code libssl} for {@code _ssl}),
     * found by the ELF resolver as its loader finds them; read-only, like a command's libraries.
     */
    PYTHON_LIBRARIES {
        @Override
        Values values(PresetContext context) {
            ExecutableResolver resolver = resolver(context);
            Optional<Python> python = python(context, resolver).python();
            if (python.isEmpty()) {
                return Values.none(NO_PYTHON);
            }
            List<Path> libraries = PythonModules.libraries(resolver, python.get().interpreter(), python.get().dirs(),
                    PythonModules.compiled(python.get().dirs()));
            return libraries.isEmpty() ? Values.none("no compiled module needs a library") : new Values(libraries, "");
        }
    },
    /**
     * The terminals runlock (so the command) has on descriptors 0 to 2, and {@code /dev/tty} when
     * it has a controlling terminal; none without a terminal, never another one of the user's.
     */
    TERMINALS {
        @Override
        Values values(PresetContext context) {
            List<Path> devices = context.terminals().devices();
            return devices.isEmpty() ? Values.none("no terminal on descriptors 0-2") : new Values(devices, "");
        }
    },
    /** The NSS modules that {@code /etc/nsswitch.conf} names, with the libraries they need. */
    NSS_MODULES {
        @Override
        Values values(PresetContext context) {
            List<String> modules = NssModules.sonames(Path.of(NssModules.NSSWITCH_CONF));
            List<Path> files = NssModules.files(resolver(context), context.command().orElse("sh"), modules);
            return files.isEmpty() ? Values.none("no NSS module found") : new Values(files, "");
        }
    };

    /** What a placeholder stands for here; when nothing, why; what the user should hear about it. */
    record Values(List<Path> paths, String absence, Optional<String> warning) {
        Values {
            paths = List.copyOf(paths);
        }

        Values(List<Path> paths, String absence) {
            this(paths, absence, Optional.empty());
        }

        static Values of(Path path) {
            return new Values(List.of(path), "");
        }

        static Values none(String absence) {
            return new Values(List.of(), absence);
        }

        Values warning(String warning) {
            return new Values(paths, absence, Optional.of(warning));
        }
    }

    abstract Values values(PresetContext context);

    /** {@code {HOME}} as written in presets.toml. */
    public String token() {
        return "{" + name() + "}";
    }

    /** The placeholder {@code entry} starts with, if any. */
    static Optional<Placeholder> leading(String entry) {
        for (Placeholder placeholder : values()) {
            if (entry.startsWith(placeholder.token())) {
                return Optional.of(placeholder);
            }
        }
        return Optional.empty();
    }

    private static ExecutableResolver resolver(PresetContext context) {
        return new ExecutableResolver(new LoaderEnvironment(context.variable("PATH").orElse(null), null));
    }

    private static final String NO_PYTHON = "no python with a standard library found";

    /** A python: its interpreter's real file and its library directories. */
    private record Python(Path interpreter, List<Path> dirs) {}

    /** The python found, if any, and each library directory refused on the way (see {@link PythonStdlib.Libraries}). */
    private record PythonSearch(Optional<Python> python, List<String> refused) {}

    /** The python being run: the command (or its {@code #!} interpreter), else the first {@code python3} on PATH with a standard library. */
    private static PythonSearch python(PresetContext context, ExecutableResolver resolver) {
        List<String> candidates = new ArrayList<>();
        context.command().ifPresent(candidates::add);
        for (String dir : context.variable("PATH").orElse("").split(File.pathSeparator)) {
            if (dir.startsWith("/")) {
                candidates.add(dir + "/python3");
            }
        }
        List<String> refused = new ArrayList<>();
        for (String candidate : candidates) {
            List<Path> files = programFiles(resolver, candidate);
            PythonStdlib.Libraries libraries = PythonStdlib.directories(files);
            refused.addAll(libraries.refused());
            if (!libraries.directories().isEmpty()) {
                // Links come before the files they lead to: the last python is the interpreter itself.
                Path interpreter = files.reversed().stream().filter(PythonStdlib::isPython).findFirst().orElseThrow();
                return new PythonSearch(Optional.of(new Python(interpreter, libraries.directories())), refused);
            }
        }
        return new PythonSearch(Optional.empty(), refused);
    }

    /** The files the kernel execs to start {@code program}, links included; none if it does not resolve. */
    private static List<Path> programFiles(ExecutableResolver resolver, String program) {
        try {
            return resolver.resolve(program).files().stream().filter(file -> file.role().needsExecute())
                    .map(ResolvedFile::path).toList();
        } catch (ResolveException e) {
            return List.of();
        }
    }
}
