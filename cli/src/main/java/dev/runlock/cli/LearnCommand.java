package dev.runlock.cli;

import dev.runlock.cli.config.ConfigKey;
import dev.runlock.cli.learn.Compaction;
import dev.runlock.cli.learn.ConfigEditor;
import dev.runlock.cli.learn.SectionText;
import dev.runlock.cli.learn.SectionText.Given;
import dev.runlock.elf.ExecClosure;
import dev.runlock.elf.ExecutableResolver;
import dev.runlock.elf.LoaderEnvironment;
import dev.runlock.elf.ResolveException;
import dev.runlock.sandbox.AutoImport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code runlock learn}: runs the command once, traced, with the filesystem and network open, and
 * writes the {@code sandbox.toml} section that lets exactly that run through.
 */
final class LearnCommand {
    /** Options whose value the learned section carries as is (the paths and ports are observed instead). */
    private static final Map<Option, ConfigKey> CARRIED = Map.of(Option.ENV, ConfigKey.ENV,
            Option.UNRESTRICTED_SCOPED, ConfigKey.UNRESTRICTED_SCOPED, Option.IGNORE_MISSING, ConfigKey.IGNORE_MISSING,
            Option.LOG_DISABLE_ORIGINATING, ConfigKey.LOG_DISABLE_ORIGINATING,
            Option.LOG_ENABLE_SUBPROCESSES, ConfigKey.LOG_ENABLE_SUBPROCESSES,
            Option.LOG_DISABLE_SUBDOMAINS, ConfigKey.LOG_DISABLE_SUBDOMAINS,
            Option.COMPAT, ConfigKey.COMPAT, Option.ABI, ConfigKey.ABI);

    private final Options options;
    private final Map<String, String> environment;
    private final String write;
    private final PrintWriter out;
    private final Log log;

    /** @param write the file to add the section to; null to print it */
    LearnCommand(Options options, Map<String, String> environment, String write, PrintWriter out, Log log) {
        this.options = options;
        this.environment = environment;
        this.write = write;
        this.out = out;
        this.log = log;
    }

    int run() throws Exception {
        TracedRun.check("learn", options, Set.of(Option.EXPLAIN, Option.KEEP_FD, Option.DISABLE_AUTO_IMPORT));
        Path strace = TracedRun.strace(environment).orElseThrow(() -> new UsageException(TracedRun.missingStrace("learn")));
        List<String> args = new ArrayList<>(CommandModel.arguments(options,
                Set.of(Option.UNRESTRICTED_FILESYSTEM, Option.UNRESTRICTED_NETWORK)));
        args.addAll(List.of(Option.UNRESTRICTED_FILESYSTEM.longName(), Option.UNRESTRICTED_NETWORK.longName(), "--"));
        args.addAll(options.command());
        TracedRun.Result run = TracedRun.run(strace, args);
        if (!run.commandStarted()) {
            return run.status();
        }
        String name = Path.of(options.command().getFirst()).getFileName().toString();
        Compaction compaction = new Compaction(new RunFiles(run.started()), autoImported(run),
                TracedRun.bytes(environment.getOrDefault("HOME", "/")));
        String section = SectionText.render(name, List.of(
                "learned by `runlock learn` from one run of: " + String.join(" ", options.command()),
                "it allows what that run used and nothing more; review it before you rely on it"),
                compaction.compact(run.operations()), given());
        if (write == null) {
            out.print(section);
            out.flush();
        } else {
            Path file = Path.of(write);
            ConfigEditor.write(file, name, section);
            log.tagged(Log.Level.WARN, "learn: wrote section [" + name + "] to " + file + "; run it with: SANDBOX_CONFIG="
                    + file + " runlock " + String.join(" ", options.command()));
        }
        return run.status();
    }

    /** What auto-import grants for the command and every program it executed: the section leaves it out. */
    private Set<String> autoImported(TracedRun.Result run) {
        ExecutableResolver resolver = new ExecutableResolver(new LoaderEnvironment(environment.get("PATH"), null));
        List<ExecClosure> closures = new ArrayList<>();
        List<String> programs = new ArrayList<>(List.of(options.command().getFirst()));
        Compaction.executables(run.operations()).forEach(e -> TracedRun.path(e).ifPresent(p -> programs.add(p.toString())));
        for (String program : programs) {
            try {
                closures.add(resolver.resolve(program));
            } catch (ResolveException e) {
                log.debug("learn: not auto-imported: " + e.getMessage());
            }
        }
        RunFiles files = new RunFiles(FileTime.fromMillis(0));
        return AutoImport.grants(closures, role -> true).stream()
                .map(g -> files.realPath(TracedRun.bytes(g.path().toString()))).collect(Collectors.toSet());
    }

    private List<Given> given() {
        List<Given> given = new ArrayList<>();
        for (Option option : Option.values()) {
            ConfigKey key = CARRIED.get(option);
            if (key == null) {
                continue;
            }
            switch (option.kind()) {
                case REPEATED, LIST -> {
                    if (!options.list(option).isEmpty()) {
                        given.add(new Given(key, options.list(option)));
                    }
                }
                case SWITCH -> options.switchValue(option).ifPresent(v -> given.add(new Given(key, v)));
                case VALUE -> options.value(option).ifPresent(v -> given.add(new Given(key,
                        key.type() == ConfigKey.Type.INTEGER ? (Object) Integer.valueOf(v) : v)));
                case FLAG -> { }
            }
        }
        if (options.flag(Option.STRICT)) {
            given.add(new Given(ConfigKey.COMPAT, "hard"));
        }
        return given;
    }

    /** The filesystem after the run, as compaction asks about it. */
    private record RunFiles(FileTime started) implements Compaction.Files {
        @Override
        public boolean isDirectory(String path) {
            return TracedRun.path(path).map(Files::isDirectory).orElse(false);
        }

        @Override
        public boolean createdDuringRun(String path) {
            return TracedRun.path(path).map(p -> {
                try {
                    return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).creationTime()
                            .compareTo(started) >= 0;
                } catch (NoSuchFileException e) {
                    return true;
                } catch (IOException e) {
                    return false;
                }
            }).orElse(true);
        }

        @Override
        public String realPath(String path) {
            return TracedRun.path(path).map(p -> {
                try {
                    return TracedRun.bytes(p.toRealPath().toString());
                } catch (IOException e) {
                    return path;
                }
            }).orElse(path);
        }
    }
}
