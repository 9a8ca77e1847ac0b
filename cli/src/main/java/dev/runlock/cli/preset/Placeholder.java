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
    /** {@code $HOME}. */
    HOME {
        @Override
        Values values(PresetContext context) {
            return context.variable("HOME").filter(home -> home.startsWith("/"))
                    .map(home -> Values.of(Path.of(home))).orElse(Values.none("HOME is not set"));
        }
    },
    /** {@code $TMPDIR} if it is an absolute path, else {@code /tmp}. */
    TMPDIR {
        @Override
        Values values(PresetContext context) {
            return Values.of(Path.of(context.variable("TMPDIR").filter(dir -> dir.startsWith("/")).orElse("/tmp")));
        }
    },
    /** {@code $JAVA_HOME}, else the JDK whose {@code bin/java} is first on {@code PATH}. */
    JAVA_HOME {
        @Override
        Values values(PresetContext context) {
            Optional<String> home = context.variable("JAVA_HOME").filter(dir -> dir.startsWith("/"));
            if (home.isPresent()) {
                return Values.of(Path.of(home.get()));
            }
            for (String dir : context.variable("PATH").orElse("").split(File.pathSeparator)) {
                Path java = Path.of(dir.isEmpty() ? "." : dir, "java");
                if (dir.startsWith("/") && Files.isExecutable(java)) {
                    try {
                        Path bin = java.toRealPath().getParent();
                        return Values.of(bin.getParent());
                    } catch (IOException e) {
                        // A dangling link on PATH: the next directory may hold a JDK.
                    }
                }
            }
            return Values.none("JAVA_HOME is not set and no java on PATH");
        }
    },
    /**
     * The standard library of the python being run: the command's (or its {@code #!} interpreter's),
     * else that of the first {@code python3} on PATH that has one.
     */
    PYTHON_STDLIB {
        @Override
        Values values(PresetContext context) {
            ExecutableResolver resolver = resolver(context);
            List<String> candidates = new ArrayList<>();
            context.command().ifPresent(candidates::add);
            for (String dir : context.variable("PATH").orElse("").split(File.pathSeparator)) {
                if (dir.startsWith("/")) {
                    candidates.add(dir + "/python3");
                }
            }
            for (String candidate : candidates) {
                List<Path> dirs = PythonStdlib.directories(programFiles(resolver, candidate));
                if (!dirs.isEmpty()) {
                    return new Values(dirs, "");
                }
            }
            return Values.none("no python with a standard library found");
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

    /** What a placeholder stands for here; when nothing, why. */
    record Values(List<Path> paths, String absence) {
        Values {
            paths = List.copyOf(paths);
        }

        static Values of(Path path) {
            return new Values(List.of(path), "");
        }

        static Values none(String absence) {
            return new Values(List.of(), absence);
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
