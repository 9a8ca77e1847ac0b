package dev.runlock.dist;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * What the man page and the completions say about a command, read from the picocli model that
 * parses the command line and prints {@code --help}: generated files cannot drift from it.
 *
 * @param name the command word, e.g. {@code runlock} or {@code status}
 * @param description help's description paragraphs
 * @param options every option, help and version included, in help order
 * @param operands the positional parameters' labels, e.g. {@code COMMAND}
 * @param subcommands {@code runlock status} and its siblings
 * @param synopsis help's usage lines, e.g. {@code runlock trust [--list] [FILE]}
 */
record CliModel(String name, List<String> description, List<Flag> options, List<String> operands,
        List<CliModel> subcommands, List<String> synopsis) {

    /**
     * One option.
     *
     * @param names every spelling, short first, negated forms ({@code --no-X}) last
     * @param label the value's placeholder ({@code PATH}), empty for flags
     * @param description help's text
     * @param repeatable whether it may be given more than once (a list also takes commas)
     * @param values the values shells offer ({@code --preset}: the built-in presets); empty when any value goes
     */
    record Flag(List<String> names, String label, String description, boolean repeatable, List<String> values) {
        boolean takesValue() {
            return !label.isEmpty();
        }

        /** Whether the value is a file name, so shells complete paths. */
        boolean takesPath() {
            return label.equals("PATH") || label.equals("FILE");
        }

        /** Whether the value names an environment variable. */
        boolean takesVariable() {
            return label.startsWith("KEY");
        }
    }

    static CliModel of(CommandLine commandLine) {
        CommandSpec spec = commandLine.getCommandSpec();
        List<Flag> options = new ArrayList<>();
        // Hidden options and subcommands are not in --help, so not in what is generated from it either.
        List<OptionSpec> inHelpOrder = new ArrayList<>(spec.options().stream().filter(o -> !o.hidden()).toList());
        if (spec.usageMessage().sortOptions()) {
            // As picocli's help sorts them: by shortest name, without dashes, ignoring case.
            inHelpOrder.sort(Comparator.comparing((OptionSpec o) -> o.shortestName().replaceFirst("^-+", ""),
                    String.CASE_INSENSITIVE_ORDER));
        }
        for (OptionSpec option : inHelpOrder) {
            List<String> names = new ArrayList<>(List.of(option.names()));
            if (option.negatable()) {
                for (String name : option.names()) {
                    names.add(spec.negatableOptionTransformer().makeNegative(name, spec));
                }
            }
            boolean valued = option.typeInfo().isMultiValue() || !option.typeInfo().isBoolean();
            List<String> values = new ArrayList<>();
            if (option.completionCandidates() != null) {
                option.completionCandidates().forEach(values::add);
            }
            options.add(new Flag(List.copyOf(names), valued ? option.paramLabel() : "",
                    String.join(" ", option.description()), option.typeInfo().isMultiValue(), List.copyOf(values)));
        }
        List<String> operands = spec.positionalParameters().stream().map(PositionalParamSpec::paramLabel).toList();
        List<CliModel> subcommands = commandLine.getSubcommands().values().stream()
                .filter(sub -> !sub.getCommandSpec().usageMessage().hidden()).map(CliModel::of).toList();
        return new CliModel(spec.name(), List.of(spec.usageMessage().description()), List.copyOf(options), operands,
                subcommands, List.of(spec.usageMessage().customSynopsis()));
    }

    /** Every spelling of every option. */
    List<String> optionNames() {
        return options.stream().flatMap(o -> o.names().stream()).toList();
    }

    List<Flag> valueOptions() {
        return options.stream().filter(Flag::takesValue).toList();
    }

    /** Whether the operands are a command to run and its arguments, as for runlock, learn and diagnose. */
    boolean runsCommand() {
        return operands.contains("COMMAND");
    }

    /** Whether the operand is a file, as for trust and untrust. */
    boolean takesFile() {
        return operands.contains("FILE");
    }
}
