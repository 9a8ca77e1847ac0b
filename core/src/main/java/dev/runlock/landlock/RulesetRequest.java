package dev.runlock.landlock;

/**
 * The sandbox a policy asks for, before the kernel is consulted.
 *
 * @param target the newest ABI whose rights are requested (the user's ABI pin, else the newest
 *               known): rights newer than it are neither handled nor granted
 * @param compat what to do when the kernel lacks part of {@code ruleset}
 */
public record RulesetRequest(Abi target, CompatLevel compat, Ruleset ruleset) {
}
