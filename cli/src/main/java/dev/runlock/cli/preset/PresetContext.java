package dev.runlock.cli.preset;

import java.util.Map;
import java.util.Optional;

/**
 * What presets are resolved against: runlock's environment and the command being run (absent for
 * {@code runlock presets}).
 */
public record PresetContext(Map<String, String> environment, Optional<String> command) {
    public PresetContext {
        environment = Map.copyOf(environment);
    }

    /** A variable's value, empty when unset or empty. */
    Optional<String> variable(String name) {
        return Optional.ofNullable(environment.get(name)).filter(value -> !value.isEmpty());
    }
}
