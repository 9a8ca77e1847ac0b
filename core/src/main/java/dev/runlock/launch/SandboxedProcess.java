package dev.runlock.launch;

import dev.runlock.landlock.RulesetPlan;

/**
 * A started child and its sandbox.
 *
 * @param process the child, as {@link ProcessBuilder#start()} would give it: streams,
 *                {@code waitFor}, {@code pid}, {@code destroy}, {@code onExit}
 * @param report what the kernel enforces and what was dropped (the same facts the
 *               {@code runlock} command warns about): {@link RulesetPlan#enforcement()},
 *               {@link RulesetPlan#lost()}, {@link RulesetPlan#dropped()}, {@link RulesetPlan#abi()}
 */
public record SandboxedProcess(Process process, RulesetPlan report) {
}
