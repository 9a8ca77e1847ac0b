package dev.runlock.cli;

import dev.runlock.cli.config.ConfigKey;
import dev.runlock.cli.learn.Compaction;
import dev.runlock.cli.learn.ConfigEditor;
import dev.runlock.cli.learn.SectionText;
import dev.runlock.cli.learn.Need;
import dev.runlock.cli.learn.Requirement;
import dev.runlock.cli.learn.SectionText.Entry;
import dev.runlock.cli.text.ShellWord;
import dev.runlock.cli.trace.TraceText;
import dev.runlock.cli.persistence.PersistencePoints;
import dev.runlock.cli.preset.EnvironmentPath;
import dev.runlock.cli.preset.PresetContext;
import dev.runlock.cli.preset.Presets;
import dev.runlock.elf.ExecClosure;
import dev.runlock.elf.ExecutableResolver;
import dev.runlock.elf.LoaderEnvironment;
import dev.runlock.elf.ResolveException;
import dev.runlock.os.ByteStrings;
import dev.runlock.sandbox.AutoImport;
import dev.runlock.sandbox.Imports;
import dev.runlock.sandbox.PathGrant;
import dev.runlock.sandbox.Policy;
import dev.runlock.sandbox.PortGrant;
import dev.runlock.sandbox.PortRange;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code runlock learn}: runs the command once, traced, with the filesystem and network open, and
 * writes the {@code sandbox.toml} section that lets exactly that run through.
 */
final class LearnCommand {
    private final Options options;
    private final Map<String, String> environment;
    private final String write;
    private final boolean writeOnFailure;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Log log;

    /**
     * @param write the file to add the section to; null to print it on {@code out}
     * @param writeOnFailure whether a run that fails still gives a section
     */
    LearnCommand(Options options, Map<String, String> environment, String write, boolean writeOnFailure,
                 PrintWriter out, PrintWriter err, Log log) {
        this.options = options;
        this.environment = environment;
        this.write = write;
        this.writeOnFailure = writeOnFailure;
        this.out = out;
        this.err = err;
        this.log = log;
    }

    int run() throws Exception {
        TracedRun.check("learn", options, Set.of(Option.EXPLAIN, Option.KEEP_FD, Option.DISABLE_AUTO_IMPORT));
        TracedRun.Tools tools = TracedRun.Tools.find("learn", environment);
        if (write != null) {
            ConfigEditor.check(ByteStrings.path(write));
        }
        List<String> args = new ArrayList<>(CommandModel.arguments(options,
                Set.of(Option.UNRESTRICTED_FILESYSTEM, Option.UNRESTRICTED_NETWORK)));
        args.addAll(List.of(Option.UNRESTRICTED_FILESYSTEM.longName(), Option.UNRESTRICTED_NETWORK.longName(), "--"));
        args.addAll(options.command());
        TracedRun.Result run = TracedRun.run(tools, args);
        if (!run.commandStarted()) {
            return run.status();
        }
        boolean failed = run.status() != 0;
        if (failed && !writeOnFailure) {
            err.println(Log.line("learn: the command failed (status " + run.status() + "): nothing "
                    + (write == null ? "printed" : "written") + "; a run meant to fail is learned with "
                    + CommandModel.WRITE_ON_FAILURE));
            run.missingPath(false).ifPresent(hint -> err.println(Log.line("learn: " + hint)));
            err.flush();
            return run.status();
        }
        String name = RunlockCommand.sectionName(options.command().getFirst());
        String home = home();
        Compaction compaction = new Compaction(new RunFiles(run.started()), autoImported(run), TracedRun.bytes(home),
                builtInPresets(), persistencePoints());
        Compaction.Learned learned = compaction.compact(run.operations());
        List<Entry> entries = new ArrayList<>();
        learned.grants().forEach(r -> entries.add(entry(r)));
        entries.addAll(given());
        List<String> header = new ArrayList<>(List.of(
                "learned by `runlock learn` from one run of: " + shellLine(options.command()),
                "it allows what that run used and nothing more; review it before you rely on it"));
        if (failed) {
            header.add("that run failed (status " + run.status() + "): a run that succeeds may need more");
        }
        learned.refused().forEach(r -> header.add(learned.writableThrough(r)
                .map(g -> "writable all the same, through " + TraceText.display(g.target()) + " ("
                        + g.reason() + "): ")
                .orElse("not granted: ") + TraceText.display(r.requirement().target())
                + " (" + r.requirement().reason() + "): " + r.why()));
        String section = SectionText.render(name, header, entries);
        if (write == null) {
            out.print(section);
            out.flush();
        } else {
            Path file = ByteStrings.path(write);
            ConfigEditor.write(file, name, section);
            err.println(Log.line("learn: wrote section [" + name + "] to " + file + "; run it with: SANDBOX_CONFIG="
                    + ShellWord.of(file.toString()) + " runlock " + separated(options.command())));
            err.flush();
        }
        return run.status();
    }

    /**
     * The command as runlock reads it back: after {@code --} when its name would otherwise be taken
     * for an option ({@code -x}) or one of runlock's subcommands ({@code status}).
     */
    static String separated(List<String> command) {
        String first = command.getFirst();
        return (first.startsWith("-") || CommandModel.subcommand(first) ? "-- " : "") + shellLine(command);
    }

    /** The command as one line a shell reads back word for word. */
    private static String shellLine(List<String> command) {
        return String.join(" ", command.stream().map(ShellWord::of).toList());
    }

    /**
     * $HOME as the trace names it (normalised, links resolved), else (unset, relative) the account's
     * home from the password database, as the JVM's {@code user.home} has it: without one, the
     * home directory itself would be learned as any other.
     */
    private String home() {
        return Optional.ofNullable(environment.get("HOME")).flatMap(EnvironmentPath::of)
                .or(() -> EnvironmentPath.of(System.getProperty("user.home", "")))
                .map(home -> home.path().toString()).orElse("/");
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
        return AutoImport.grants(closures, Imports.ALL).stream()
                .map(g -> files.realPath(TracedRun.bytes(g.path().toString()))).collect(Collectors.toSet());
    }

    /** The shared table of persistence points, as compaction asks about them: byte strings in and out. */
    private dev.runlock.cli.learn.PersistencePoints persistencePoints() {
        Map<String, String> withHome = new HashMap<>(environment);
        withHome.put("HOME", home());
        PersistencePoints table = PersistencePoints.of(withHome);
        return path -> TracedRun.path(path).map(p -> table.within(p).stream()
                .map(point -> TracedRun.bytes(point.toString())).toList()).orElse(List.of());
    }

    /** The built-in presets resolved for this command, as compaction asks about them. */
    private Compaction.Presets builtInPresets() {
        Presets builtIn = Presets.builtIn();
        PresetCoverage coverage = new PresetCoverage(builtIn.resolve(builtIn.names(),
                new PresetContext(environment, options.command().stream().findFirst())));
        return new Compaction.Presets() {
            @Override
            public List<String> names() {
                return builtIn.names();
            }

            @Override
            public List<String> paths(String preset) {
                return builtIn.expand(List.of(preset)).stream().flatMap(p -> coverage.paths(p).stream())
                        .map(TracedRun::bytes).toList();
            }

            @Override
            public List<Compaction.PortRight> ports(String preset) {
                return builtIn.expand(List.of(preset)).stream().flatMap(p -> coverage.ports(p).stream())
                        .flatMap(g -> Arrays.stream(Need.values()).filter(n -> n.port().equals(Optional.of(g.access())))
                                .map(n -> new Compaction.PortRight(n, g.range().from(), g.range().to())))
                        .toList();
            }

            @Override
            public List<String> writable() {
                return coverage.writablePaths().stream().map(TracedRun::bytes).toList();
            }

            @Override
            public List<String> covering(Need need, String target) {
                if (need.port().isPresent()) {
                    int port = Integer.parseInt(target);
                    return coverage.covering(new PortGrant(need.port().get(), new PortRange(port, port), "learned"));
                }
                return need.intent().flatMap(i -> TracedRun.path(target).map(p -> coverage.standingFor(
                        new PathGrant(p, i, "learned")))).orElse(List.of());
            }
        };
    }

    /** A requirement as a value of the key the option/key table names for it. */
    private static Entry entry(Requirement r) {
        Need need = r.need();
        if (need == Need.PRESET) {
            return new Entry(ConfigKey.PRESET, r.target(), r.reason());
        }
        ConfigKey key = need.intent().map(i -> (Grant) new Grant.Paths(i))
                .or(() -> need.port().map(Grant.Ports::new)).flatMap(Setting::of).map(Setting::key)
                .orElse(ConfigKey.EXECUTABLE_DEPENDENCIES);
        Object value = need.port().isPresent() ? (Object) Integer.valueOf(r.target())
                : TraceText.utf8(r.target()).orElseThrow();
        return new Entry(key, value, r.reason());
    }

    /** What the user's own options set besides paths and ports, carried into the section as given. */
    private List<Entry> given() {
        String why = "given on the command line";
        List<Entry> given = new ArrayList<>();
        if (!options.list(Option.ENV).isEmpty()) {
            given.add(new Entry(ConfigKey.ENV, options.list(Option.ENV), why));
        }
        for (Setting setting : Setting.values()) {
            if (setting.grant() instanceof Grant.Switch && !(setting.grant() instanceof Grant.Unrestricted u
                    && u.area() != Policy.Area.SCOPES)) {
                options.switchValue(setting.option()).ifPresent(v -> given.add(new Entry(setting.key(), v, why)));
            }
        }
        options.value(Option.COMPAT).or(() -> options.flag(Option.STRICT) ? Optional.of("hard") : Optional.empty())
                .ifPresent(v -> given.add(new Entry(ConfigKey.COMPAT, v, why)));
        options.value(Option.ABI).ifPresent(v -> given.add(new Entry(ConfigKey.ABI, Integer.valueOf(v), why)));
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
