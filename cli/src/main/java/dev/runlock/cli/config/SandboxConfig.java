package dev.runlock.cli.config;

import dev.runlock.landlock.Abi;
import dev.runlock.sandbox.PortRange;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Reads {@code sandbox.toml}: sections are named after the command. Finding and trusting the file
 * is {@link dev.runlock.cli.trust.ConfigLocation}'s.
 */
public final class SandboxConfig {
    private SandboxConfig() {
    }

    /**
     * Parses {@code text}, the content of {@code file}: every section by name, in file order.
     * Every section is validated, so a typo anywhere is reported.
     */
    public static Map<String, ConfigSection> sections(Path file, String text) throws ConfigException {
        return sections(Toml.parse(text), file);
    }

    /**
     * Every section of a parsed file, type-checked, in file order.
     *
     * @param file the name messages give the file
     */
    public static Map<String, ConfigSection> sections(TomlParseResult toml, Path file) throws ConfigException {
        if (toml.hasErrors()) {
            var error = toml.errors().get(0);
            throw new ConfigException(at(file, error.position()) + error.getMessage());
        }
        Map<String, ConfigSection> sections = new LinkedHashMap<>();
        for (String name : toml.keySet()) {
            // A path, not a dotted key: a section may be named ["python3.11"].
            List<String> path = List.of(name);
            if (!toml.isTable(path)) {
                throw new ConfigException(at(file, toml.inputPositionOf(path)) + "'" + name
                        + "' is not a section: put keys under [command-name]");
            }
            sections.put(name, section(file, path, toml.getTable(path)));
        }
        return sections;
    }

    private static ConfigSection section(Path file, List<String> name, TomlTable table) throws ConfigException {
        Map<ConfigKey, Object> values = new EnumMap<>(ConfigKey.class);
        for (String keyName : table.keySet()) {
            List<String> dotted = List.of(keyName);
            TomlPosition position = table.inputPositionOf(dotted);
            ConfigKey key = ConfigKey.of(keyName).orElseThrow(() -> new ConfigException(at(file, position)
                    + "unknown key '" + keyName + "' in [" + name.get(0) + "]"));
            String where = at(file, position) + key.tomlName() + ": ";
            values.put(key, convert(where, key, table.get(dotted)));
        }
        return new ConfigSection(file, name.get(0), values);
    }

    /** The value of {@code key} in the type {@link ConfigKey.Type} names; the message names the culprit. */
    private static Object convert(String where, ConfigKey key, Object raw) throws ConfigException {
        ConfigException wrongType = new ConfigException(where + "must be " + key.type().description());
        try {
            return switch (key.type()) {
                case BOOLEAN -> raw instanceof Boolean b ? b : fail(wrongType);
                case COMPAT -> raw instanceof String s ? CompatNames.parse(s) : fail(wrongType);
                case ABI -> raw instanceof Long l && l >= 0 && l <= Integer.MAX_VALUE ? Abi.parse(l.toString())
                        : fail(wrongType);
                case STRINGS -> paths(elements(where, ConfigKey.Type.STRINGS, raw, wrongType));
                case ENV -> elements(where, ConfigKey.Type.STRINGS, raw, wrongType).stream()
                        .map(String.class::cast).map(EnvSpec::parse).toList();
                case PORTS, INTEGERS -> elements(where, key.type(), raw, wrongType);
            };
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where + e.getMessage());
        }
    }

    private static Object fail(ConfigException e) throws ConfigException {
        throw e;
    }

    /** Every STRINGS key lists paths or commands: an empty one must not mean the config's directory. */
    private static List<Object> paths(List<Object> items) {
        if (items.contains("")) {
            throw new IllegalArgumentException("empty path");
        }
        return items;
    }

    private static List<Object> elements(String where, ConfigKey.Type type, Object raw, ConfigException wrongType)
            throws ConfigException {
        if (!(raw instanceof TomlArray array)) {
            throw wrongType;
        }
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            items.add(element(where, type, array.get(i), wrongType));
        }
        return List.copyOf(items);
    }

    private static Object element(String where, ConfigKey.Type type, Object item, ConfigException wrongType)
            throws ConfigException {
        switch (type) {
            case STRINGS -> {
                if (item instanceof String s) {
                    if (s.indexOf('\0') >= 0) {
                        throw new ConfigException(where + "'" + s.replace("\0", "\\0") + "' holds a NUL character");
                    }
                    return s;
                }
            }
            case INTEGERS -> {
                if (item instanceof Long l && l >= 0 && l <= Integer.MAX_VALUE) {
                    return l.intValue();
                }
            }
            case PORTS -> {
                if (item instanceof Long || item instanceof String) {
                    try {
                        return PortRange.parse(item.toString());
                    } catch (IllegalArgumentException e) {
                        throw new ConfigException(where + e.getMessage());
                    }
                }
            }
            default -> { }
        }
        throw wrongType;
    }

    private static String at(Path file, TomlPosition position) {
        return position == null ? file + ": " : file + ":" + position.line() + ":" + position.column() + ": ";
    }
}
