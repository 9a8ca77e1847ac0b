package dev.runlock.cli;

import dev.runlock.cli.config.ConfigException;
import dev.runlock.cli.config.ConfigSection;
import dev.runlock.cli.persistence.PersistencePoints;
import dev.runlock.cli.trust.ConfigFile;
import dev.runlock.cli.trust.ConfigLocation;
import dev.runlock.elf.ExecClosure;
import dev.runlock.elf.ExecutableResolver;
import dev.runlock.elf.LoaderEnvironment;
import dev.runlock.elf.ResolveException;
import dev.runlock.landlock.CompatibilityException;
import dev.runlock.landlock.Downgrade;
import dev.runlock.landlock.KernelSupport;
import dev.runlock.landlock.RulesetPlan;
import dev.runlock.os.ByteStrings;
import dev.runlock.landlock.kernel.ExecKernel;
import dev.runlock.landlock.kernel.Kernel;
import dev.runlock.landlock.kernel.KernelException;
import dev.runlock.sandbox.AutoImport;
import dev.runlock.sandbox.Launch;
import dev.runlock.sandbox.Exec;
import dev.runlock.sandbox.Imports;
import dev.runlock.sandbox.Policy;
import dev.runlock.sandbox.PolicyException;
import dev.runlock.sandbox.Rulesets;
import dev.runlock.sandbox.Sandbox;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** {@code runlock [OPTIONS] <COMMAND> [ARGS]...}: sandbox, then become the command. */
final class RunlockCommand {
    /**
     * The system property the build's AOT training run sets: do everything, then exit instead of exec.
     * Not a variable: the caller's environment must not be able to skip the command.
     */
    static final String TRAINING_PROPERTY = "runlock.aot.training";

    private final Options options;
    private final Map<String, String> environment;
    private final PrintWriter out;
    private final Supplier<? extends Kernel> kernel;

    RunlockCommand(Options options, Map<String, String> environment, PrintWriter out, Supplier<? extends Kernel> kernel) {
        this.options = options;
        this.environment = environment;
        this.out = out;
        this.kernel = kernel;
    }

    /**
     * Parses and runs on the kernel {@code kernel} supplies, once it is needed; every failure becomes
     * one {@code runlock:} line and status 1.
     */
    static int run(String[] args, Map<String, String> environment, Supplier<? extends Kernel> kernel) {
        return run(args, environment, null, null, kernel);
    }

    /** As {@link #run(String[], Map, Supplier)}, printing to {@code out} and {@code err} when not null. */
    static int run(String[] args, Map<String, String> environment, PrintWriter out, PrintWriter err,
            Supplier<? extends Kernel> kernel) {
        CommandLine cli = CommandModel.commandLine();
        // -V names the kernel's ABI: the injected kernel's, probed only when asked.
        CommandLine.IVersionProvider version = () -> Version.lines(kernel.get());
        cli.getCommandSpec().versionProvider(version);
        cli.getSubcommands().values().forEach(sub -> sub.getCommandSpec().versionProvider(version));
        if (out != null) {
            cli.setOut(out);
        }
        if (err != null) {
            cli.setErr(err);
        }
        ParseResult parsed;
        try {
            parsed = cli.parseArgs(args);
        } catch (ParameterException e) {
            cli.getErr().println(Log.line("error: " + firstLine(e.getMessage()) + " (see runlock --help)"));
            return 1;
        }
        if (CommandLine.printHelpIfRequested(parsed)) {
            return 0;
        }
        ParseResult own = parsed.hasSubcommand() ? parsed.subcommand() : parsed;
        String subcommand = parsed.hasSubcommand() ? own.commandSpec().name() : "";
        if (!subcommand.isEmpty() && !parsed.matchedOptions().isEmpty()) {
            cli.getErr().println(Log.line("error: " + CommandModel.optionsBefore(subcommand)));
            return 1;
        }
        if (subcommand.equals(CommandModel.STATUS)) {
            return StatusCommand.run(own.hasMatchedOption(CommandModel.JSON), cli.getOut(), kernel.get());
        }
        if (subcommand.equals(CommandModel.PRESETS)) {
            return PresetsCommand.run(environment, cli.getOut(), kernel.get());
        }
        if (subcommand.equals(CommandModel.TRUST) || subcommand.equals(CommandModel.UNTRUST)) {
            return TrustCommand.run(own, environment, cli.getOut(), cli.getErr());
        }
        RunlockCommand command;
        try {
            command = new RunlockCommand(CommandModel.options(own, Path.of("").toAbsolutePath()), environment, cli.getOut(), kernel);
        } catch (UsageException e) {
            return fail(new Log(cli.getErr(), Log.Level.WARN), e.getMessage());
        }
        Log log;
        try {
            log = new Log(cli.getErr(), command.logLevel());
        } catch (IllegalArgumentException e) {
            return fail(new Log(cli.getErr(), Log.Level.WARN), e.getMessage());
        }
        try {
            return switch (subcommand) {
                case CommandModel.LEARN -> new LearnCommand(command.options, environment, own.matchedOptionValue(
                        CommandModel.WRITE, (String) null), own.hasMatchedOption(CommandModel.WRITE_ON_FAILURE),
                        cli.getOut(), cli.getErr(), log).run();
                case CommandModel.DIAGNOSE -> new DiagnoseCommand(command.options, environment, cli.getErr()).run();
                default -> command.sandboxAndExec(log);
            };
        } catch (UsageException | ConfigException | ResolveException e) {
            return fail(log, e.getMessage());
        } catch (PolicyException e) {
            return fail(log, Wording.missing(e));
        } catch (CompatibilityException e) {
            return fail(log, Wording.refused(e));
        } catch (Exception e) {
            log.error(firstLine(String.valueOf(e.getMessage())));
            log.debug(e);
            return 1;
        }
    }

    private int sandboxAndExec(Log log) throws Exception {
        if (options.command().isEmpty()) {
            throw new UsageException("missing command to run (usage: runlock [OPTIONS] <COMMAND> [ARGS]...)");
        }
        String name = options.command().getFirst();
        Path cwd = Path.of("").toAbsolutePath();
        Optional<ConfigSection> section = config(log, sectionName(name), cwd);
        Request request = new RequestBuilder(options, section.stream().toList(), environment, cwd, log).build();

        ExecutableResolver resolver = new ExecutableResolver(
                new LoaderEnvironment(environment.get("PATH"), passedValue(request.env(), "LD_LIBRARY_PATH")));
        ExecClosure closure = resolver.resolve(name);
        List<ExecClosure> closures = new ArrayList<>(List.of(closure));
        closures.addAll(resolver.resolveAll(request.executableDependencies()));
        Policy policy = request.policy();
        if (request.imports() != Imports.NONE) {
            for (ExecClosure c : closures) {
                Optional<VersionManagerShim> shim = VersionManagerShim.find(c);
                if (shim.isPresent()) {
                    throw new UsageException(shim.get().refusal(c == closure ? name : c.command().toString()));
                }
            }
            closures.forEach(c -> c.warnings().forEach(log::warn));
            policy = policy.withPaths(AutoImport.grants(closures, request.imports()));
        }

        Kernel kernel = this.kernel.get();
        KernelSupport support = kernel.probe();
        RulesetPlan plan = Downgrade.plan(Rulesets.request(policy), support);
        section.flatMap(s -> Widening.warning(s, options, environment, cwd, plan)).ifPresent(log::warn);
        Launch command = new Launch(ByteStrings.string(closure.command()), options.command(), request.env(),
                request.keepFds(), Caller.ignoredSignals(), Caller.deletedWorkingDirectory(),
                options.flag(Option.NEW_SESSION), policy.keepCapabilities(), TracedRun.tracer());

        if (options.flag(Option.EXPLAIN)) {
            new ExplainPrinter(out).print(plan, command, section, request.skipped(), PersistencePoints.of(environment),
                    log.enabled(Log.Level.DEBUG));
            return 0;
        }
        Wording.warning(plan).ifPresent(log::warn);
        if (log.enabled(Log.Level.INFO)) {
            ExplainPrinter.summary(plan, log.enabled(Log.Level.DEBUG)).forEach(log::info);
        }
        try {
            new Sandbox(kernel).enforce(plan);
        } catch (KernelException e) {
            throw new UsageException("cannot apply the sandbox: " + e.getMessage());
        }
        log.debug("sandbox " + Wording.enforcement(plan) + "; executing " + command.path());
        if (Boolean.getBoolean(TRAINING_PROPERTY)) {
            Exec.exec(new Rehearsal(kernel), command);
            return 0;
        }
        TracedRun.markExec();
        KernelException failure = Exec.exec(kernel, command);
        return fail(log, ExecFailure.explain(failure, command, closure, plan));
    }

    /** The config section for {@code command}: the one named after its file name, whatever its bytes. */
    static String sectionName(String command) throws UsageException {
        Path name = ByteStrings.path(command).getFileName();
        if (name == null) {
            throw new UsageException(command + ": is a directory");
        }
        return name.toString();
    }

    private Optional<ConfigSection> config(Log log, String commandName, Path cwd) throws ConfigException {
        Optional<ConfigLocation> location = ConfigLocation.find(environment, cwd);
        if (location.isEmpty()) {
            return Optional.empty();
        }
        ConfigFile file = location.get().read(environment);
        Map<String, ConfigSection> sections = file.sections();
        Optional<ConfigSection> section = Optional.ofNullable(sections.get(commandName));
        if (log.enabled(Log.Level.INFO)) {
            String source = location.get().explicit() ? " (named by " + ConfigLocation.VARIABLE + ")" : " (trusted)";
            log.info(section.isPresent() ? "using " + file.path() + source + " section [" + commandName + "]"
                    : "no section [" + commandName + "] in " + file.path() + source);
            // A section is named after a command's basename: one matching no command on PATH is likely a typo.
            sections.keySet().stream().filter(name -> !name.equals(commandName) && !onPath(name))
                    .forEach(name -> log.info("section [" + name + "] of " + file.path() + " matches no command on PATH"));
        }
        return section;
    }

    private boolean onPath(String name) {
        return Stream.of(environment.getOrDefault("PATH", "").split(":", -1))
                .anyMatch(dir -> Files.isExecutable(ByteStrings.path(dir.isEmpty() ? "." : dir).resolve(name)));
    }

    /** The value of {@code key} in the command's environment, or null if it gets none. */
    private static String passedValue(List<String> env, String key) {
        for (String entry : env) {
            if (entry.startsWith(key + "=")) {
                return entry.substring(key.length() + 1);
            }
        }
        return null;
    }

    private static int fail(Log log, String message) {
        log.error(message);
        return 1;
    }

    /** The flag, else the first non-empty variable; a bad value's message names where it came from. */
    private Log.Level logLevel() {
        Optional<String> flag = options.value(Option.LOG_LEVEL);
        if (flag.isPresent()) {
            return level(Option.LOG_LEVEL.longName(), flag.get());
        }
        for (String variable : List.of("RUNLOCK_LOG_LEVEL", "LANDRUN_LOG_LEVEL")) {
            String value = environment.get(variable);
            if (value != null && !value.isBlank()) {
                return level(variable, value);
            }
        }
        return Log.Level.WARN;
    }

    private static Log.Level level(String source, String text) {
        try {
            return Log.Level.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }

    /**
     * The AOT training run's stand-in kernel: every step of the hand-over, then an execve that fails
     * (ENOENT), since the training JVM must live on to write what it loaded.
     */
    private record Rehearsal(ExecKernel kernel) implements ExecKernel {
        @Override
        public void clearSignalMask() throws KernelException {
            kernel.clearSignalMask();
        }

        @Override
        public void ignoreSignals(long mask) throws KernelException {
            kernel.ignoreSignals(mask);
        }

        @Override
        public void closeOnExecAbove2(Set<Integer> keep) throws KernelException {
            kernel.closeOnExecAbove2(keep);
        }

        @Override
        public void changeDirectory(int fd) throws KernelException {
            kernel.changeDirectory(fd);
        }

        @Override
        public void newSession() throws KernelException {
            kernel.newSession();
        }

        @Override
        public void endWithParent(long parent) throws KernelException {
            kernel.endWithParent(parent);
        }

        @Override
        public void dropBoundingCapabilities() throws KernelException {
            kernel.dropBoundingCapabilities();
        }

        @Override
        public void clearAmbientCapabilities() throws KernelException {
            kernel.clearAmbientCapabilities();
        }

        @Override
        public void clearCapabilities() throws KernelException {
            kernel.clearCapabilities();
        }

        @Override
        public void execve(String path, List<String> argv, List<String> envp) throws KernelException {
            kernel.execve("", argv, envp);
        }
    }
}
