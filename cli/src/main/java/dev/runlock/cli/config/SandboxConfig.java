package dev.runlock.cli.config;

import dev.runlock.landlock.Abi;
import dev.runlock.sandbox.PortRange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Finds, trusts and reads {@code sandbox.toml}: {@code $SANDBOX_CONFIG} if set (then it must
 * exist), else {@code ./sandbox.toml} if present. Sections are named after the command.
 */
public final class SandboxConfig {
    private SandboxConfig() {
    }

    /** The config file to use, if any. */
    public static Optional<Path> locate(Map<String, String> environment, Path workingDirectory) throws ConfigException {
        String explicit = environment.get("SANDBOX_CONFIG");
        if (explicit != null && !explicit.isEmpty()) {
            Path file = workingDirectory.resolve(explicit);
            if (!Files.isRegularFile(file)) {
                throw new ConfigException(file + ": config file named by SANDBOX_CONFIG does not exist");
            }
            return Optional.of(file);
        }
        Path local = workingDirectory.resolve("sandbox.toml");
        return Files.isRegularFile(local) ? Optional.of(local) : Optional.empty();
    }

    /**
     * Reads {@code file} and returns the section for {@code command}, if the file has one.
     * Every section is validated, so a typo anywhere is reported.
     */
    public static Optional<ConfigSection> read(Path file, String command) throws ConfigException {
        checkTrusted(file);
        TomlParseResult toml;
        try {
            toml = Toml.parse(file);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
        return Optional.ofNullable(sections(toml, file).get(command));
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
                case STRINGS -> elements(where, ConfigKey.Type.STRINGS, raw, wrongType);
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

    /** Refuses a file that someone other than the caller or root could have written. */
    static void checkTrusted(Path file) throws ConfigException {
        try {
            int owner = (Integer) Files.getAttribute(file, "unix:uid");
            int caller = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            if (owner != caller && owner != 0) {
                throw new ConfigException(file + ": refusing config owned by uid " + owner
                        + " (only the caller's or root's files are trusted)");
            }
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
                throw new ConfigException(file + ": refusing config writable by group or others (chmod go-w "
                        + file + ")");
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new ConfigException(file + ": cannot check owner and mode: " + e.getMessage());
        }
    }

    private static String at(Path file, TomlPosition position) {
        return position == null ? file + ": " : file + ":" + position.line() + ":" + position.column() + ": ";
    }
}
