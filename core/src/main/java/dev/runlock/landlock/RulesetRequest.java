package dev.runlock.landlock;

import java.util.HashSet;
import java.util.Set;

/**
 * The sandbox a policy asks for, before the kernel is consulted.
 *
 * @param target the newest ABI whose rights are handled (the user's ABI pin, else the newest
 *               known): rights newer than it are not restricted, and a rule or flag that needs
 *               one is dropped
 * @param promised handled rights up to this ABI are owed to the user: the pin, else
 *                 {@link Abi#baseline()}; when the kernel lacks one, the user is warned and a
 *                 soft or hard requirement is not met
 * @param compat what to do when the kernel lacks part of {@code ruleset}
 * @param asked the rights and flags the user named (a port, a UNIX socket, an audit flag):
 *              losing one of them is owed to the user whatever its ABI
 * @param optional the rights only optional grants name (a preset's UDP port, its UNIX socket):
 *                 a rule that loses one is listed, neither owed nor warned about
 */
public record RulesetRequest(Abi target, Abi promised, CompatLevel compat, Ruleset ruleset, Set<LandlockBit> asked,
                             Set<LandlockBit> optional) {
    public RulesetRequest {
        promised = Abi.min(promised, target);
        asked = Set.copyOf(asked);
        optional = Set.copyOf(optional);
    }

    /** A request in which every named right is asked for, none optional. */
    public RulesetRequest(Abi target, Abi promised, CompatLevel compat, Ruleset ruleset, Set<LandlockBit> asked) {
        this(target, promised, compat, ruleset, asked, Set.of());
    }

    /**
     * A request that owes the baseline (or less, up to {@code target}) and asks for what port
     * rules and flags name: what a policy without UNIX socket grants asks for.
     */
    public RulesetRequest(Abi target, CompatLevel compat, Ruleset ruleset) {
        this(target, Abi.baseline(), compat, ruleset, named(ruleset));
    }

    private static Set<LandlockBit> named(Ruleset ruleset) {
        Set<LandlockBit> named = new HashSet<>(ruleset.flags());
        ruleset.portRules().forEach(r -> named.addAll(r.access()));
        return named;
    }
}
