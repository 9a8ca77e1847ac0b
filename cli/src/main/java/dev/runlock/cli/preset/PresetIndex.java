package dev.runlock.cli.preset;

import dev.runlock.cli.config.ConfigException;
import dev.runlock.cli.config.ConfigKey;
import dev.runlock.cli.config.ConfigSection;
import dev.runlock.cli.config.EnvSpec;
import dev.runlock.sandbox.PortRange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code presets.index}: the built-in presets as the config loader parsed and checked them, one
 * value a line ({@code NAME TAB KEY TAB VALUE}). Written at build time from {@code presets.toml}
 * (a malformed file stops the build); read at run time, where a TOML parser would cost a
 * preset run ~90 ms of CPU over the same rules given as flags.
 */
public final class PresetIndex {
    static final String RESOURCE = "presets.index";

    private PresetIndex() {
    }

    /**
     * Build step: checks {@code presets.toml} in the classes directory and writes the index beside it.
     *
     * @param args the classes directory
     */
    public static void main(String[] args) throws IOException, ConfigException {
        Path dir = Path.of(args[0]).resolve(Presets.class.getPackageName().replace('.', '/'));
        Presets presets = Presets.parse(Files.readString(dir.resolve(Presets.RESOURCE), StandardCharsets.UTF_8));
        Files.writeString(dir.resolve(RESOURCE), write(presets), StandardCharsets.UTF_8);
    }

    static String write(Presets presets) {
        StringBuilder out = new StringBuilder();
        for (ConfigSection section : presets.sections()) {
            section.values().forEach((key, values) -> texts(section, key).forEach(value ->
                    out.append(section.name()).append('\t').append(key.tomlName()).append('\t').append(value)
                            .append('\n')));
        }
        return out.toString();
    }

    /** A key's values as presets.toml writes them: paths, {@code 53} or {@code 8000-8100}, {@code KEY[=VALUE]}. */
    static List<String> texts(ConfigSection section, ConfigKey key) {
        return switch (key.type()) {
            case PORTS -> section.ports(key).stream().map(PortRange::toString).toList();
            case ENV -> section.env().stream().map(spec -> spec.name() + spec.value().map(v -> "=" + v).orElse(""))
                    .toList();
            default -> section.strings(key);
        };
    }

    /** A section of {@code values} given as text, each parsed into the type its key holds. */
    static ConfigSection section(String name, Map<ConfigKey, List<String>> values) {
        Map<ConfigKey, Object> typed = new EnumMap<>(ConfigKey.class);
        values.forEach((key, texts) -> typed.put(key, texts.stream().map(text -> switch (key.type()) {
            case PORTS -> PortRange.parse(text);
            case ENV -> EnvSpec.parse(text);
            default -> text;
        }).toList()));
        return new ConfigSection(Path.of(Presets.RESOURCE), name, typed);
    }

    static Map<String, ConfigSection> read(String index) {
        Map<String, Map<ConfigKey, List<String>>> values = new LinkedHashMap<>();
        for (String line : index.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split("\t", 3);
            ConfigKey key = ConfigKey.of(fields[1]).orElseThrow();
            values.computeIfAbsent(fields[0], name -> new EnumMap<>(ConfigKey.class))
                    .computeIfAbsent(key, k -> new ArrayList<>()).add(fields[2]);
        }
        Map<String, ConfigSection> sections = new LinkedHashMap<>();
        values.forEach((name, keys) -> sections.put(name, section(name, keys)));
        return sections;
    }
}
