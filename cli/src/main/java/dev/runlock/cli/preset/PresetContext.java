package dev.runlock.cli.preset;

import java.util.Map;
import java.util.Optional;

/**
 * What presets are resolved against: runlock's environment, the command being run (absent for
 * {@code runlock presets}) and the terminals runlock has, which the command inherits.
 */
public record PresetContext(Map<String, String> environment, Optional<String> command, Terminals terminals) {
    public PresetContext {
        environment = Map.copyOf(environment);
    }

    /** The context of this process: its own terminals. */
    public PresetContext(Map<String, String> environment, Optional<String> command) {
        this(environment, command, Terminals.ofThisProcess());
    }

    /** A variable's value, empty when unset or empty. */
    Optional<String> variable(String name) {
        return Optional.ofNullable(environment.get(name)).filter(value -> !value.isEmpty());
    }
}
