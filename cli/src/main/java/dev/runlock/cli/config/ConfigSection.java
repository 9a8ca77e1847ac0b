package dev.runlock.cli.config;

import dev.runlock.landlock.Abi;
import dev.runlock.landlock.CompatLevel;
import dev.runlock.sandbox.PortRange;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The section of {@code sandbox.toml} for one command, its values parsed once into the types
 * runlock uses: each key holds the Java type its {@link ConfigKey.Type} names.
 *
 * @param file the file it was read from
 * @param name the section name (the command's basename)
 */
public record ConfigSection(Path file, String name, Map<ConfigKey, Object> values) {
    public ConfigSection {
        values = values.isEmpty() ? Map.of() : new EnumMap<>(values);
    }

    /** The values of a list-of-strings key; empty if absent. */
    public List<String> strings(ConfigKey key) {
        return list(key, ConfigKey.Type.STRINGS, String.class);
    }

    /** The paths of a path key, relative ones resolved against the config file's directory. */
    public List<Path> paths(ConfigKey key) {
        Path base = file.toAbsolutePath().getParent();
        return strings(key).stream().map(base::resolve).toList();
    }

    public List<PortRange> ports(ConfigKey key) {
        return list(key, ConfigKey.Type.PORTS, PortRange.class);
    }

    public List<Integer> integers(ConfigKey key) {
        return list(key, ConfigKey.Type.INTEGERS, Integer.class);
    }

    public List<EnvSpec> env() {
        return list(ConfigKey.ENV, ConfigKey.Type.ENV, EnvSpec.class);
    }

    public Optional<Boolean> flag(ConfigKey key) {
        return value(key, ConfigKey.Type.BOOLEAN, Boolean.class);
    }

    public Optional<CompatLevel> compat() {
        return value(ConfigKey.COMPAT, ConfigKey.Type.COMPAT, CompatLevel.class);
    }

    public Optional<Abi> abi() {
        return value(ConfigKey.ABI, ConfigKey.Type.ABI, Abi.class);
    }

    private <T> Optional<T> value(ConfigKey key, ConfigKey.Type type, Class<T> javaType) {
        checkType(key, type);
        return Optional.ofNullable(values.get(key)).map(javaType::cast);
    }

    private <T> List<T> list(ConfigKey key, ConfigKey.Type type, Class<T> element) {
        checkType(key, type);
        return ((List<?>) values.getOrDefault(key, List.of())).stream().map(element::cast).toList();
    }

    private static void checkType(ConfigKey key, ConfigKey.Type type) {
        if (key.type() != type) {
            throw new IllegalArgumentException(key.tomlName() + " is " + key.type() + ", not " + type);
        }
    }
}
