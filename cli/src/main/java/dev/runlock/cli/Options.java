package dev.runlock.cli;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The command line as the user typed it; nothing is interpreted here. */
final class Options {
    private final Map<Option, Object> given;
    private final List<String> command;

    /**
     * @param given   each option the user gave, with its value: a {@code String} for {@link Option.Kind#VALUE},
     *                a {@code Boolean} for flags and switches, a {@code List<String>} for lists
     * @param command the command and its arguments
     */
    Options(Map<Option, ?> given, List<String> command) {
        this.given = given.isEmpty() ? Map.of() : new EnumMap<>(given);
        this.command = List.copyOf(command);
    }

    /** The command and its arguments; empty if none was given. */
    List<String> command() {
        return command;
    }

    /** Whether the flag was given. */
    boolean flag(Option option) {
        return (Boolean) read(option, Option.Kind.FLAG).orElse(false);
    }

    /** A switch's value, empty unless given (so that sandbox.toml decides). */
    Optional<Boolean> switchValue(Option option) {
        return read(option, Option.Kind.SWITCH).map(Boolean.class::cast);
    }

    Optional<String> value(Option option) {
        return read(option, Option.Kind.VALUE).map(String.class::cast);
    }

    /** Every value of a list or repeated option, in order given. */
    @SuppressWarnings("unchecked")
    List<String> list(Option option) {
        Option.Kind kind = option.kind() == Option.Kind.REPEATED ? Option.Kind.REPEATED : Option.Kind.LIST;
        return (List<String>) read(option, kind).orElse(List.of());
    }

    private Optional<Object> read(Option option, Option.Kind kind) {
        if (option.kind() != kind) {
            throw new IllegalArgumentException(option.longName() + " is not a " + kind + " option");
        }
        return Optional.ofNullable(given.get(option));
    }
}
