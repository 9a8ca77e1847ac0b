package dev.runlock.cli.preset;

import dev.runlock.cli.config.ConfigKey;
import java.util.Optional;

/**
 * One value a preset grants on this machine: a path (links resolved), a port or an environment
 * variable pattern, under the key that grants it; or, when {@code absence} is present, a path that
 * is skipped here and why.
 *
 * @param written the entry as presets.toml writes it, e.g. {@code {HOME}/.gitconfig}
 */
public record PresetEntry(String preset, ConfigKey key, String value, String written, Optional<String> absence) {
    /** Whether the entry grants something here. */
    public boolean granted() {
        return absence.isEmpty();
    }
}
