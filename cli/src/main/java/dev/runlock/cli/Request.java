package dev.runlock.cli;

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
 */
record Request(Policy policy, List<String> env, Set<Integer> keepFds, Imports imports,
               List<String> executableDependencies) {
}
