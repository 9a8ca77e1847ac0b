package dev.runlock.cli.config;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The section of {@code sandbox.toml} for one command, with values already type-checked.
 *
 * @param file the file it was read from
 * @param name the section name (the command's basename)
 */
public record ConfigSection(Path file, String name, Map<ConfigKey, Object> values) {
    public ConfigSection {
        values = values.isEmpty() ? Map.of() : new EnumMap<>(values);
    }

    /** The values of a list key; empty if absent. Ports come as strings such as {@code 8000-8100}. */
    @SuppressWarnings("unchecked")
    public List<String> strings(ConfigKey key) {
        return (List<String>) values.getOrDefault(key, List.of());
    }

    @SuppressWarnings("unchecked")
    public List<Integer> integers(ConfigKey key) {
        return (List<Integer>) values.getOrDefault(key, List.of());
    }

    public Optional<Boolean> flag(ConfigKey key) {
        return Optional.ofNullable((Boolean) values.get(key));
    }

    public Optional<String> string(ConfigKey key) {
        return Optional.ofNullable((String) values.get(key));
    }

    public Optional<Integer> integer(ConfigKey key) {
        return Optional.ofNullable((Integer) values.get(key));
    }
}
