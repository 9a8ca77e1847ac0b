package dev.runlock.cli.preset;

import dev.runlock.cli.config.ConfigKey;
import dev.runlock.cli.config.ConfigSection;
import dev.runlock.cli.persistence.PersistencePoints;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Presets resolved on this machine: placeholders expanded, globs listed, links followed, missing
 * paths set aside. Their grants hold each value once, under the first preset that grants it.
 */
public final class ResolvedPresets {
    private static final Set<ConfigKey> WRITABLE = Set.of(ConfigKey.RW, ConfigKey.RWX);
    private static final Path NIX_STORE = Path.of("/nix/store");
    private final List<PresetEntry> entries;
    private final List<String> warnings;

    private ResolvedPresets(List<PresetEntry> entries, List<String> warnings) {
        this.entries = List.copyOf(entries);
        this.warnings = List.copyOf(warnings);
    }

    /** No preset. */
    public static ResolvedPresets none() {
        return new ResolvedPresets(List.of(), List.of());
    }

    static ResolvedPresets of(List<ConfigSection> presets, PresetContext context) {
        Map<Placeholder, Placeholder.Values> computed = new EnumMap<>(Placeholder.class);
        List<PresetEntry> entries = new ArrayList<>();
        Set<String> refused = new LinkedHashSet<>();
        for (ConfigSection preset : presets) {
            for (ConfigKey key : preset.values().keySet()) {
                if (key == ConfigKey.PRESET) {
                    continue;
                }
                for (String written : PresetIndex.texts(preset, key)) {
                    List<PresetEntry> resolved = Presets.PATH_KEYS.contains(key)
                            ? paths(preset.name(), key, written, computed, context, refused)
                            : List.of(new PresetEntry(preset.name(), key, written, written, Optional.empty()));
                    resolved.stream().filter(e -> !entries.contains(e)).forEach(entries::add);
                }
            }
        }
        List<String> warnings = new ArrayList<>(computed.values().stream()
                .flatMap(values -> values.warning().stream()).toList());
        if (!refused.isEmpty()) {
            warnings.add("presets grant no computed path that is /, a top-level directory, your home or above it,"
                    + " a link out of your home, one others could swap on the way, nor a writable one with a"
                    + " persistence point; not granted: " + String.join(", ", refused));
        }
        return new ResolvedPresets(entries, warnings);
    }

    /** @param refused where a path refused as too broad is named, for the one warning */
    private static List<PresetEntry> paths(String preset, ConfigKey key, String written,
            Map<Placeholder, Placeholder.Values> computed, PresetContext context, Set<String> refused) {
        Optional<Placeholder> placeholder = Placeholder.leading(written);
        List<Path> candidates = new ArrayList<>();
        if (placeholder.isPresent()) {
            Placeholder.Values values = computed.computeIfAbsent(placeholder.get(), p -> p.values(context));
            if (values.paths().isEmpty()) {
                return List.of(new PresetEntry(preset, key, written, written, Optional.of(values.absence())));
            }
            String rest = written.substring(placeholder.get().token().length());
            values.paths().forEach(base -> candidates.add(Path.of(base + rest)));
        } else {
            candidates.add(Path.of(written));
        }
        List<PresetEntry> out = new ArrayList<>();
        for (Path candidate : candidates) {
            List<Path> matches = candidate.getFileName() != null && candidate.getFileName().toString().contains("*")
                    ? glob(candidate) : List.of(candidate);
            if (matches.isEmpty()) {
                out.add(new PresetEntry(preset, key, candidate.toString(), written, Optional.of("nothing matches")));
            }
            for (Path path : matches) {
                Path real;
                try {
                    real = path.toRealPath();
                } catch (IOException e) {
                    out.add(new PresetEntry(preset, key, path.toString(), written, Optional.of("missing here")));
                    continue;
                }
                Optional<String> refusal = (computed(path, real, placeholder, computed)
                        ? EnvironmentPath.real(real).refusal(EnvironmentPath.home(context)) : Optional.<String>empty())
                        .or(() -> placeholder.equals(Optional.of(Placeholder.HOME)) ? outOfHome(key, real, context)
                                : Optional.empty())
                        .or(() -> placeholder.isPresent() || !real.equals(path.toAbsolutePath().normalize())
                                ? EnvironmentPath.unsteady(path, real) : Optional.empty())
                        .or(() -> WRITABLE.contains(key) ? persistence(real, context) : Optional.empty());
                out.add(new PresetEntry(preset, key, refusal.isPresent() ? path.toString() : real.toString(), written,
                        refusal.map(why -> "resolves to " + real + ", " + why)));
                refusal.ifPresent(why -> refused.add(path + " -> " + real + " [preset " + preset + ": " + why + "]"));
            }
        }
        return out;
    }

    /**
     * Why a {@code {HOME}} entry that a link leads out of the home is not granted: what a home
     * holds is the user's to decide only inside it, and {@code HOME} may name a directory someone
     * else filled ({@code ~/.gitconfig} linked to {@code /etc/shadow}, {@code ~/.m2/repository} to
     * the real home's {@code ~/.config}). Read-only links into {@code /nix/store} stay: that is
     * where home-manager keeps dotfiles.
     */
    private static Optional<String> outOfHome(ConfigKey key, Path real, PresetContext context) {
        Optional<Path> home = EnvironmentPath.home(context).map(EnvironmentPath::path);
        boolean inside = home.map(real::startsWith).orElse(false)
                || !WRITABLE.contains(key) && real.startsWith(NIX_STORE);
        return inside ? Optional.empty() : Optional.of("a link out of $HOME");
    }

    /**
     * A persistence point of the user's that writable {@code real} would open, if any (see
     * {@link PersistencePoints#userPoints}): it is in one ({@code TMPDIR} in {@code ~/.ssh}), holds
     * one, or, inside the home, could hold one ({@code TMPDIR=~/.local}: {@code ~/.local/bin}).
     * Not a project's that anyone could leave in {@code /tmp}: {@code --explain} names those.
     */
    private static Optional<String> persistence(Path real, PresetContext context) {
        List<Path> opened = PersistencePoints.of(context.environment()).userPoints(real);
        return opened.isEmpty() ? Optional.empty()
                : Optional.of("writable, it opens " + opened.getFirst() + ", which code outside the sandbox runs or trusts");
    }

    /**
     * Whether {@code real} is computed rather than written: reached through a link or from a
     * placeholder, so it is granted only if it is no broad directory. {@code {TMPDIR}}'s own value
     * ({@code /tmp} is top-level) passes its own, stricter rule.
     */
    private static boolean computed(Path path, Path real, Optional<Placeholder> placeholder,
            Map<Placeholder, Placeholder.Values> computed) {
        if (placeholder.isEmpty()) {
            return !real.equals(path.normalize());
        }
        return placeholder.get() != Placeholder.TMPDIR || !computed.get(Placeholder.TMPDIR).paths().contains(real);
    }

    private static List<Path> glob(Path pattern) {
        List<Path> matches = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(pattern.getParent(), pattern.getFileName().toString())) {
            dir.forEach(matches::add);
        } catch (IOException e) {
            return List.of();
        }
        matches.sort(null);
        return matches;
    }

    /** Every entry of every preset, granted or skipped, in preset order. */
    public List<PresetEntry> entries() {
        return entries;
    }

    /** What the user should hear about the values the presets were resolved with, e.g. a TMPDIR not granted. */
    public List<String> warnings() {
        return warnings;
    }

    /** The entries skipped on this machine, each once. */
    public List<PresetEntry> skipped() {
        Set<String> seen = new HashSet<>();
        return entries.stream().filter(e -> !e.granted() && seen.add(e.key() + " " + e.value())).toList();
    }

    /** Each preset's grants here as a config section, to be merged as {@code sandbox.toml}'s is; each value once. */
    public List<ConfigSection> sections() {
        return sections(new HashSet<>());
    }

    /** Each preset's own grants here, including values an earlier preset grants too. */
    public List<ConfigSection> eachPreset() {
        return sections(null);
    }

    /** @param seen the values granted so far, skipped when met again; null to keep every value */
    private List<ConfigSection> sections(Set<String> seen) {
        Map<String, Map<ConfigKey, List<String>>> byPreset = new LinkedHashMap<>();
        for (PresetEntry entry : entries) {
            if (entry.granted() && (seen == null || seen.add(entry.key() + " " + entry.value()))) {
                byPreset.computeIfAbsent(entry.preset(), p -> new EnumMap<>(ConfigKey.class))
                        .computeIfAbsent(entry.key(), k -> new ArrayList<>()).add(entry.value());
            }
        }
        List<ConfigSection> sections = new ArrayList<>();
        byPreset.forEach((name, values) -> sections.add(PresetIndex.section(name, values)));
        return sections;
    }
}
