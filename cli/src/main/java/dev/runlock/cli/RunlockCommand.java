package dev.runlock.cli;

import dev.runlock.cli.config.ConfigException;
import dev.runlock.cli.config.ConfigSection;
import dev.runlock.cli.config.SandboxConfig;
import dev.runlock.elf.ExecClosure;
import dev.runlock.elf.ExecutableResolver;
import dev.runlock.elf.FileRole;
import dev.runlock.elf.LoaderEnvironment;
import dev.runlock.elf.ResolveException;
import dev.runlock.landlock.CompatibilityException;
import dev.runlock.landlock.Downgrade;
import dev.runlock.landlock.KernelSupport;
import dev.runlock.landlock.RulesetPlan;
import dev.runlock.landlock.kernel.KernelException;
import dev.runlock.landlock.kernel.LinuxKernel;
import dev.runlock.sandbox.AutoImport;
import dev.runlock.sandbox.Launch;
import dev.runlock.sandbox.Exec;
import dev.runlock.sandbox.Policy;
import dev.runlock.sandbox.PolicyException;
import dev.runlock.sandbox.Rulesets;
import dev.runlock.sandbox.Sandbox;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code runlock [OPTIONS] <COMMAND> [ARGS]...}: sandbox, then become the command. */
@Command(name = "runlock", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        subcommands = StatusCommand.class, usageHelpAutoWidth = true,
        customSynopsis = {"runlock [OPTIONS] [--] <COMMAND> [ARGS]...", "       runlock status [--json]"},
        description = {"Run COMMAND in a Landlock sandbox: it can touch only the paths, ports and IPC you allow.",
            "The command, its interpreters and shared libraries are granted automatically (-d turns that off).",
            "Settings also come from section [COMMAND] of the file $SANDBOX_CONFIG, else of sandbox.toml in the "
                + "working directory; options add to its lists and override its booleans.",
            "Exit status: the command's own; 1 when runlock itself fails."})
final class RunlockCommand implements Callable<Integer> {
    /** Marker the AOT training run sets: do everything, then exit instead of exec. */
    static final String TRAINING_ENV = "RUNLOCK_AOT_TRAINING";

    @Mixin
    Options options = new Options();

    @Spec
    CommandLine.Model.CommandSpec spec;

    private final Map<String, String> environment;

    RunlockCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    /** Parses and runs; every failure becomes one {@code runlock:} line and status 1. */
    static int run(String[] args, Map<String, String> environment) {
        return run(args, environment, null, null);
    }

    /** As {@link #run(String[], Map)}, printing to {@code out} and {@code err} when not null. */
    static int run(String[] args, Map<String, String> environment, PrintWriter out, PrintWriter err) {
        RunlockCommand command = new RunlockCommand(environment);
        CommandLine cli = new CommandLine(command, new Factory(environment));
        if (out != null) {
            cli.setOut(out);
        }
        if (err != null) {
            cli.setErr(err);
        }
        cli.setStopAtPositional(true);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("runlock: error: " + firstLine(e.getMessage())
                    + " (see runlock --help)");
            return 1;
        });
        cli.setExecutionExceptionHandler((e, c, p) -> {
            Log log = new Log(c.getErr(), command.logLevelOrDefault());
            log.error(firstLine(String.valueOf(e.getMessage())));
            if (log.enabled(Log.Level.DEBUG)) {
                e.printStackTrace(c.getErr());
            }
            return 1;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Log log;
        try {
            log = new Log(err, logLevel());
        } catch (IllegalArgumentException e) {
            return fail(new Log(err, Log.Level.WARN), e.getMessage());
        }
        try {
            return sandboxAndExec(log);
        } catch (UsageException | ConfigException | PolicyException | ResolveException | CompatibilityException e) {
            return fail(log, e.getMessage());
        }
    }

    private int sandboxAndExec(Log log) throws Exception {
        if (options.command.isEmpty()) {
            throw new UsageException("missing command to run (usage: runlock [OPTIONS] <COMMAND> [ARGS]...)");
        }
        String name = options.command.get(0);
        Path cwd = Path.of("").toAbsolutePath();
        Optional<ConfigSection> section = config(log, Path.of(name).getFileName().toString(), cwd);
        Request request = new RequestBuilder(options, section, environment, cwd, log).build();

        ExecutableResolver resolver = new ExecutableResolver(
                new LoaderEnvironment(environment.get("PATH"), passedValue(request.env(), "LD_LIBRARY_PATH")));
        ExecClosure closure = resolver.resolve(name);
        List<ExecClosure> closures = new ArrayList<>(List.of(closure));
        closures.addAll(resolver.resolveAll(request.executableDependencies()));
        Policy policy = request.policy();
        Predicate<FileRole> wanted = switch (request.imports()) {
            case ALL -> role -> true;
            case EXECUTABLE -> role -> role == FileRole.COMMAND;
            case LIBRARIES -> role -> role == FileRole.LIBRARY || role == FileRole.ELF_INTERPRETER;
            case NONE -> role -> false;
        };
        if (request.imports() != Request.Imports.NONE) {
            closures.forEach(c -> c.warnings().forEach(log::warn));
            policy = policy.withPaths(AutoImport.grants(closures, wanted));
        }

        LinuxKernel kernel = new LinuxKernel();
        KernelSupport support = kernel.probe();
        RulesetPlan plan = Downgrade.plan(Rulesets.request(policy), support);
        Launch command = new Launch(closure.command().toString(), NativeStrings.argvTail(options.command), request.env(),
                request.keepFds(), Launch.ignoredByCaller());

        if (options.explain) {
            new ExplainPrinter(spec.commandLine().getOut()).print(plan, command, section);
            return 0;
        }
        String warning = plan.warning();
        if (!warning.isEmpty()) {
            log.tagged(Log.Level.WARN, warning);
        }
        if (log.enabled(Log.Level.INFO)) {
            ExplainPrinter.summary(plan).forEach(log::info);
        }
        try {
            new Sandbox(kernel).enforce(plan);
        } catch (KernelException e) {
            throw new UsageException("cannot apply the sandbox: " + e.getMessage());
        }
        log.debug("sandbox " + plan.enforcement() + "; executing " + command.path());
        if (environment.containsKey(TRAINING_ENV)) {
            return 0;
        }
        KernelException failure = Exec.exec(kernel, command);
        return fail(log, ExecFailure.explain(failure, command, closure, plan));
    }

    private Optional<ConfigSection> config(Log log, String commandName, Path cwd) throws ConfigException {
        Optional<Path> file = SandboxConfig.locate(environment, cwd);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        Optional<ConfigSection> section = SandboxConfig.read(file.get(), commandName);
        log.info(section.isPresent() ? "using " + file.get() + " section [" + commandName + "]"
                : "no section [" + commandName + "] in " + file.get());
        return section;
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
        if (options.logLevel != null) {
            return level("--log-level", options.logLevel);
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

    private Log.Level logLevelOrDefault() {
        try {
            return logLevel();
        } catch (IllegalArgumentException e) {
            return Log.Level.WARN;
        }
    }

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }

    /** Builds the commands with the environment they read. */
    private record Factory(Map<String, String> environment) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == RunlockCommand.class) {
                return type.cast(new RunlockCommand(environment));
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
