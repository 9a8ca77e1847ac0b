/**
 * Built-in presets: named sets of grants in {@code presets.toml} (in the jar, in the keys of a
 * {@code sandbox.toml} section), resolved on the machine runlock runs on by a few named
 * {@link dev.runlock.cli.preset.Placeholder}s, then merged like a config section through the
 * cli's {@code Setting} table ({@code PresetCoverage} asks which presets grant a path or port).
 */
package dev.runlock.cli.preset;
