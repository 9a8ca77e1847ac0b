package dev.runlock.cli;

import dev.runlock.cli.preset.PresetEntry;
import dev.runlock.sandbox.Imports;
import dev.runlock.sandbox.Policy;
import java.util.List;
import java.util.Set;

/**
 * What one invocation asks for, flags and {@code sandbox.toml} merged, before auto-import.
 *
 * @param env the command's environment, {@code KEY=VALUE}
 * @param imports which files of the command's closure to grant
 * @param executableDependencies more executables whose closure is imported
 * @param skipped what the presets would grant but this machine lacks, for {@code --explain}
 */
record Request(Policy policy, List<String> env, Set<Integer> keepFds, Imports imports,
               List<String> executableDependencies, List<PresetEntry> skipped) {
}
