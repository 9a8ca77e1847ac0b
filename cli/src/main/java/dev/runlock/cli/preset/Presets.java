package dev.runlock.cli.preset;

import dev.runlock.cli.config.ConfigException;
import dev.runlock.cli.config.ConfigKey;
import dev.runlock.cli.config.ConfigSection;
import dev.runlock.cli.config.SandboxConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tomlj.Toml;

/**
 * The built-in presets: the sections of {@code presets.toml}, read by the loader that reads
 * {@code sandbox.toml}. That happens at build time ({@link PresetIndex}), so a malformed file fails
 * the build, never a user's run, and a run reads the checked sections from the jar without paying
 * for a TOML parser. Part of runlock, so trusted.
 */
public final class Presets {
    /** The data file, beside this class in the sources. */
    static final String RESOURCE = "presets.toml";
    /**
     * The keys a preset may hold: those that only add grants ({@code executable_dependencies}: the
     * programs it names, e.g. git's {@code /bin/sh}, are imported with their libraries).
     */
    static final Set<ConfigKey> KEYS = EnumSet.of(ConfigKey.RO, ConfigKey.ROX, ConfigKey.RW, ConfigKey.RWX,
            ConfigKey.UNIX, ConfigKey.BIND_TCP, ConfigKey.CONNECT_TCP, ConfigKey.BIND_UDP, ConfigKey.CONNECT_UDP,
            ConfigKey.ENV, ConfigKey.PRESET, ConfigKey.EXECUTABLE_DEPENDENCIES);
    /** The keys whose values are paths: resolved on this machine, skipped where missing. */
    static final Set<ConfigKey> PATH_KEYS = EnumSet.of(ConfigKey.RO, ConfigKey.ROX, ConfigKey.RW, ConfigKey.RWX,
            ConfigKey.UNIX, ConfigKey.EXECUTABLE_DEPENDENCIES);

    private final Map<String, ConfigSection> sections;

    private Presets(Map<String, ConfigSection> sections) {
        this.sections = Collections.unmodifiableMap(new LinkedHashMap<>(sections));
    }

    /** Every preset as parsed, in file order. */
    Collection<ConfigSection> sections() {
        return sections.values();
    }

    private static final class BuiltIn {
        static final Presets INSTANCE = load();

        private static Presets load() {
            try (InputStream in = Presets.class.getResourceAsStream(PresetIndex.RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(PresetIndex.RESOURCE + " is missing from runlock's jar");
                }
                return new Presets(PresetIndex.read(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** runlock's presets. */
    public static Presets builtIn() {
        return BuiltIn.INSTANCE;
    }

    /** Parses and checks a presets file: keys, placeholders, references and cycles. */
    static Presets parse(String text) throws ConfigException {
        Path file = Path.of(RESOURCE);
        Map<String, ConfigSection> sections = SandboxConfig.sections(Toml.parse(text), file);
        for (ConfigSection section : sections.values()) {
            String where = file + " [" + section.name() + "] ";
            for (ConfigKey key : section.values().keySet()) {
                if (!KEYS.contains(key)) {
                    throw new ConfigException(where + key.tomlName() + ": not allowed in a preset");
                }
            }
            for (ConfigKey key : PATH_KEYS) {
                for (String entry : section.strings(key)) {
                    checkPath(where + key.tomlName() + ": ", entry);
                }
            }
            for (String included : section.strings(ConfigKey.PRESET)) {
                if (!sections.containsKey(included)) {
                    throw new ConfigException(where + "preset: unknown preset '" + included + "'");
                }
            }
        }
        Presets presets = new Presets(sections);
        for (String name : sections.keySet()) {
            presets.closure(List.of(name), new ArrayList<>(), new LinkedHashSet<>());
        }
        return presets;
    }

    private static void checkPath(String where, String entry) throws ConfigException {
        if (entry.contains("\t") || entry.contains("\n")) {
            throw new ConfigException(where + "'" + entry.strip() + "': a tab or line break in a path");
        }
        Optional<Placeholder> placeholder = Placeholder.leading(entry);
        String rest = placeholder.map(p -> entry.substring(p.token().length())).orElse(entry);
        if (placeholder.isEmpty() && !entry.startsWith("/")) {
            throw new ConfigException(where + "'" + entry + "' is neither absolute nor starts with a placeholder ("
                    + String.join(" ", java.util.Arrays.stream(Placeholder.values()).map(Placeholder::token).toList())
                    + ")");
        }
        if (!rest.isEmpty() && !rest.startsWith("/") || rest.contains("{") || rest.contains("/../")
                || rest.endsWith("/..")) {
            throw new ConfigException(where + "'" + entry + "': a placeholder is followed by /PATH, without .. or {");
        }
        int star = rest.indexOf('*');
        if (star >= 0 && rest.indexOf('/', star) >= 0) {
            throw new ConfigException(where + "'" + entry + "': only the last component may hold *");
        }
    }

    /** Every preset name, in file order. */
    public List<String> names() {
        return List.copyOf(sections.keySet());
    }

    /**
     * The presets {@code names} stand for, each once, included presets before those including them.
     *
     * @throws IllegalArgumentException naming an unknown preset
     */
    public List<String> expand(List<String> names) {
        Set<String> out = new LinkedHashSet<>();
        for (String name : names) {
            try {
                closure(List.of(name), new ArrayList<>(), out);
            } catch (ConfigException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        return List.copyOf(out);
    }

    private void closure(List<String> names, List<String> path, Set<String> out) throws ConfigException {
        for (String name : names) {
            if (path.contains(name)) {
                throw new ConfigException(RESOURCE + " [" + name + "] preset: includes itself through "
                        + String.join(" -> ", path) + " -> " + name);
            }
            ConfigSection section = sections.get(name);
            if (section == null) {
                throw new IllegalArgumentException("unknown preset '" + name + "' (known: "
                        + String.join(", ", sections.keySet()) + ")");
            }
            path.add(name);
            closure(section.strings(ConfigKey.PRESET), path, out);
            path.removeLast();
            out.add(name);
        }
    }

    /** The preset as written, placeholders unexpanded. */
    public Optional<ConfigSection> section(String name) {
        return Optional.ofNullable(sections.get(name));
    }

    /**
     * What {@code names} (and the presets they include) grant on this machine.
     *
     * @throws IllegalArgumentException naming an unknown preset
     */
    public ResolvedPresets resolve(List<String> names, PresetContext context) {
        return ResolvedPresets.of(expand(names).stream().map(sections::get).toList(), context);
    }
}
