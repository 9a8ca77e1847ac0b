package dev.runlock.cli;

import dev.runlock.cli.config.CompatNames;
import dev.runlock.cli.preset.Presets;
import dev.runlock.landlock.Abi;
import dev.runlock.os.ByteStrings;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * The picocli model of {@code runlock} and its subcommands, built in code from {@link Option}:
 * picocli's annotation scanning costs every run tens of milliseconds of reflection and proxies.
 * The distribution's man page and shell completions are generated from the same model.
 */
public final class CommandModel {
    static final String STATUS = "status";
    static final String PRESETS = "presets";
    static final String JSON = "--json";
    static final String LEARN = "learn";
    static final String DIAGNOSE = "diagnose";
    static final String WRITE = "--write";
    static final String WRITE_ON_FAILURE = "--write-on-failure";
    static final String TRUST = "trust";
    static final String UNTRUST = "untrust";
    static final String LIST = "--list";

    /** Each subcommand's usage line, as help lists them and as a refusal quotes them. */
    private static final Map<String, String> SYNOPSES = Map.of(
            STATUS, "runlock status [--json]",
            TRUST, "runlock trust [--list] [FILE]",
            UNTRUST, "runlock untrust [FILE]",
            LEARN, "runlock learn [OPTIONS] [--write FILE] -- <COMMAND> [ARGS]...",
            DIAGNOSE, "runlock diagnose [OPTIONS] -- <COMMAND> [ARGS]...",
            PRESETS, "runlock presets");

    private CommandModel() {
    }

    /** Whether {@code word} names one of runlock's subcommands ({@code status}), not a command to run. */
    static boolean subcommand(String word) {
        return SYNOPSES.containsKey(word);
    }

    static {
        // Every CommandLine registers converters for java.time and java.sql types by reflection, which
        // costs milliseconds per command; runlock's values are all strings and booleans.
        System.setProperty("picocli.converters.excludes", ".*");
    }

    /** A fresh parser: picocli keeps the parsed values in its model. */
    public static CommandLine commandLine() {
        CommandSpec runlock = CommandSpec.create().name("runlock")
                .interpolateVariables(false);
        runlock.usageMessage()
                .customSynopsis("runlock [OPTIONS] [--] <COMMAND> [ARGS]...", "       " + SYNOPSES.get(STATUS),
                        "       " + SYNOPSES.get(TRUST), "       " + SYNOPSES.get(UNTRUST),
                        "       " + SYNOPSES.get(LEARN), "       " + SYNOPSES.get(DIAGNOSE),
                        "       " + SYNOPSES.get(PRESETS))
                .description("Run COMMAND in a Landlock sandbox: it can touch only the paths, ports and IPC you allow.",
                        "The command, its interpreters and shared libraries are granted automatically "
                                + "(-d turns that off).",
                        "Settings also come from section [COMMAND] of the file $SANDBOX_CONFIG, else of sandbox.toml "
                                + "in the working directory once you trust it (runlock trust); options add to its "
                                + "lists and override its booleans.",
                        "A command named like a subcommand (status, trust, untrust, learn, diagnose, presets) needs -- "
                                + "before it; options before a subcommand word are refused, never dropped.",
                        "Exit status: the command's own; 1 when runlock itself fails.")
                .sortOptions(false)
                .autoWidth(true);
        addRunOptions(runlock);

        CommandSpec status = CommandSpec.create().name(STATUS)
                .interpolateVariables(false);
        status.usageMessage().description(
                "Show the kernel's Landlock ABI, errata and which features runlock can enforce here.");
        status.addOption(OptionSpec.builder(JSON).description("Print as JSON").build());
        addHelpOptions(status);
        runlock.addSubcommand(STATUS, status);

        CommandSpec trust = CommandSpec.create().name(TRUST)
                .interpolateVariables(false);
        trust.usageMessage().description("Trust FILE (default ./sandbox.toml) as it is now, where it is: a "
                + "sandbox.toml in the working directory applies only once trusted (a link to a trusted file too), and "
                + "any change to it voids the trust: its content, where a link to it leads, where its paths lead.");
        trust.addOption(OptionSpec.builder(LIST).description("List the trusted files and whether each is unchanged")
                .build());
        trust.addPositional(file());
        addHelpOptions(trust);
        runlock.addSubcommand(TRUST, trust);

        CommandSpec untrust = CommandSpec.create().name(UNTRUST)
                .interpolateVariables(false);
        untrust.usageMessage().description("Forget the trust in FILE (default ./sandbox.toml).");
        untrust.addPositional(file());
        addHelpOptions(untrust);
        runlock.addSubcommand(UNTRUST, untrust);

        CommandSpec learn = CommandSpec.create().name(LEARN).interpolateVariables(false);
        learn.usageMessage().customSynopsis(SYNOPSES.get(LEARN))
                .description("Run COMMAND once under strace with the OPTIONS but the filesystem and network open, "
                                + "and print the sandbox.toml section [COMMAND] that lets exactly that run through: "
                                + "each path and port it used, compacted, with a comment saying why. A run that "
                                + "fails writes nothing and says why. Needs strace and setpriv (util-linux).",
                        "Exit status: the command's own.")
                .sortOptions(false).autoWidth(true);
        learn.addOption(OptionSpec.builder(WRITE).paramLabel("FILE").type(String.class)
                .description("Add or replace the section in FILE instead of printing it (the rest of FILE is kept "
                        + "as is)").build());
        learn.addOption(OptionSpec.builder(WRITE_ON_FAILURE).description("Write or print the section also when "
                + "COMMAND fails (a status other than 0), marked so; by default a failed run writes nothing").build());
        addRunOptions(learn);
        runlock.addSubcommand(LEARN, learn);

        CommandSpec diagnose = CommandSpec.create().name(DIAGNOSE)
                .interpolateVariables(false);
        diagnose.usageMessage().customSynopsis(SYNOPSES.get(DIAGNOSE))
                .description("Run COMMAND in the sandbox the OPTIONS describe, traced with strace; when it exits, "
                                + "print each operation the sandbox denied with the option that would allow it.",
                        "Exit status: the command's own.")
                .sortOptions(false).autoWidth(true);
        addRunOptions(diagnose);
        runlock.addSubcommand(DIAGNOSE, diagnose);
        CommandSpec presets = CommandSpec.create().name(PRESETS)
                .interpolateVariables(false);
        presets.usageMessage().description(
                "List the built-in presets (--preset NAME) and what each grants on this machine.");
        addHelpOptions(presets);
        runlock.addSubcommand(PRESETS, presets);

        CommandLine cli = new CommandLine(runlock);
        cli.setStopAtPositional(true);
        // @FILE is an argument like any other: expanding it would read a file before the sandbox
        // exists and hand its words to the command, or to runlock as options.
        cli.setExpandAtFiles(false);
        return cli;
    }

    /**
     * What the user typed for {@code runlock} itself (not its subcommand). An empty list item is an
     * error: {@code --rw "$UNSET"} must not mean the working directory. A path option's value that
     * names an existing path is one path, commas and all ({@code --rw "$PWD"} in a directory named
     * {@code x,..} must not grant {@code ..}); relative paths name what they name in {@code workingDirectory}.
     */
    static Options options(ParseResult parsed, Path workingDirectory) throws UsageException {
        Map<Option, Object> given = new EnumMap<>(Option.class);
        for (Option option : Option.values()) {
            OptionSpec spec = parsed.matchedOption(option.longName());
            if (spec == null) {
                continue;
            }
            if (option.kind() != Option.Kind.LIST) {
                given.put(option, spec.getValue());
                continue;
            }
            List<String> values = new ArrayList<>();
            for (String typed : spec.originalStringValues()) {
                values.addAll(items(option, typed, workingDirectory));
            }
            given.put(option, values);
        }
        List<String> command = parsed.matchedPositionals().isEmpty()
                ? List.of() : new ArrayList<>(parsed.matchedPositionals().getFirst().getValue());
        return new Options(given, command);
    }

    /**
     * Why options before a subcommand word are refused, not dropped: {@code runlock --ro /etc trust}
     * must neither trust without them nor guess that a command named {@code trust} was meant.
     */
    static String optionsBefore(String subcommand) {
        return "options go after '" + subcommand + "' (usage: " + SYNOPSES.get(subcommand) + "; a command named "
                + subcommand + " runs with: runlock [OPTIONS] -- " + subcommand + ")";
    }

    /** The items of one value of a list option: split at commas, unless it is one existing path. */
    private static List<String> items(Option option, String typed, Path workingDirectory) throws UsageException {
        List<String> parts = List.of(typed.split(",", -1));
        if (option.takesPaths() && parts.size() > 1 && exists(typed, workingDirectory)) {
            if (parts.stream().allMatch(part -> !part.isEmpty() && exists(part, workingDirectory))) {
                throw new UsageException(option.longName() + ": '" + typed + "' is ambiguous: it names an existing "
                        + "path, and so does each part between its commas; for the parts, give each with its own "
                        + option.longName() + "; for the whole, name it without a comma (. inside it) or in sandbox.toml");
            }
            return List.of(typed);
        }
        if (parts.contains("")) {
            throw new UsageException(option.longName() + ": empty " + option.label().toLowerCase(Locale.ROOT)
                    + " in '" + typed + "'" + (typed.isEmpty() ? " (an unset variable?)" : ""));
        }
        return parts;
    }

    private static boolean exists(String path, Path workingDirectory) {
        return Files.exists(workingDirectory.resolve(ByteStrings.path(path)), LinkOption.NOFOLLOW_LINKS);
    }

    /** The FILE a trust subcommand was given, or null. */
    static String file(ParseResult subcommand) {
        return subcommand.matchedPositionals().isEmpty() ? null : subcommand.matchedPositionals().getFirst().getValue();
    }

    private static PositionalParamSpec file() {
        return PositionalParamSpec.builder().paramLabel("FILE").arity("0..1").type(String.class)
                .description("The config file (default ./sandbox.toml)").build();
    }

    /**
     * The options as arguments that parse back to the same values, e.g. {@code --ro=/usr}, leaving
     * out {@code without}: how learn and diagnose hand the user's sandbox to the traced runlock.
     */
    static List<String> arguments(Options options, Set<Option> without) {
        List<String> out = new ArrayList<>();
        for (Option option : Option.values()) {
            if (without.contains(option)) {
                continue;
            }
            String name = option.longName();
            switch (option.kind()) {
                case FLAG -> {
                    if (options.flag(option)) {
                        out.add(name);
                    }
                }
                case SWITCH -> options.switchValue(option).ifPresent(v -> out.add(name + "=" + v));
                case VALUE -> options.value(option).ifPresent(v -> out.add(name + "=" + v));
                case LIST, REPEATED -> options.list(option).forEach(v -> out.add(name + "=" + v));
            }
        }
        return out;
    }

    private static void addRunOptions(CommandSpec command) {
        for (Option option : Option.values()) {
            command.addOption(spec(option));
        }
        command.addPositional(PositionalParamSpec.builder().paramLabel("COMMAND").arity("0..*")
                .type(List.class).auxiliaryTypes(String.class).description("The command and its arguments").build());
        addHelpOptions(command);
    }

    private static OptionSpec spec(Option option) {
        OptionSpec.Builder builder = OptionSpec.builder(option.names().toArray(String[]::new))
                .description(option.description()).completionCandidates(candidates(option));
        return switch (option.kind()) {
            case FLAG -> builder.type(boolean.class).build();
            case SWITCH -> builder.type(Boolean.class).negatable(true).build();
            case VALUE -> builder.type(String.class).paramLabel(option.label()).build();
            case LIST -> builder.type(List.class).auxiliaryTypes(String.class).splitRegex(",")
                    .paramLabel(option.label()).build();
            case REPEATED -> builder.type(List.class).auxiliaryTypes(String.class).paramLabel(option.label()).build();
        };
    }

    /**
     * The values shells offer for an option, or null when any value goes (paths, ports). Lazy: only
     * the dist build, writing the completions and the man page, reads them, so a run never loads
     * the presets for this.
     */
    private static Iterable<String> candidates(Option option) {
        return switch (option) {
            case LOG_LEVEL -> () -> Stream.of(Log.Level.values()).map(l -> l.name().toLowerCase(Locale.ROOT)).iterator();
            case COMPAT -> CompatNames.NAMES;
            case ABI -> () -> Stream.of(Abi.values()).filter(a -> a != Abi.NONE).map(a -> Integer.toString(a.number()))
                    .iterator();
            case PRESET -> () -> Presets.builtIn().names().iterator();
            default -> null;
        };
    }

    private static void addHelpOptions(CommandSpec command) {
        command.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show this help message and exit.").build());
        command.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("Print version information and exit.").build());
    }
}
