package dev.runlock.landlock;

import java.util.List;
import java.util.stream.Stream;

/**
 * The ruleset runlock will hand to the kernel, and what was given up on the way, as facts:
 * the cli words them. Serves the explanation, the status report and the real run alike.
 *
 * @param kernel what the kernel offers
 * @param target the requested ABI (see {@link RulesetRequest#target()})
 * @param abi the ABI the ruleset is built for: the lower of kernel and target
 * @param ruleset what is enforced; {@link Ruleset#NONE} when nothing is
 * @param lost what the user is owed and the ABI cannot enforce, in ABI order: the promised
 *             rights ({@link RulesetRequest#promised()}), everything asked for, and, when nothing
 *             is enforced, every missing right
 * @param unrequested handled rights above the promise that nothing asked for and the kernel
 *                    lacks, in ABI order: not restricted here, and no reason to warn
 * @param dropped the rules whose asked-for rights the ABI lacks (the kernel's or the pin)
 * @param optional the rules whose optional rights ({@link RulesetRequest#optional()}) the ABI
 *                 lacks: to be listed, owed to no one
 * @param cause why the sandbox is weaker than asked beyond {@code lost}, or {@link Cause#NONE}
 */
public record RulesetPlan(
        KernelSupport kernel,
        Abi target,
        Abi abi,
        Ruleset ruleset,
        Enforcement enforcement,
        List<LandlockBit> lost,
        List<LandlockBit> unrequested,
        List<DroppedRule> dropped,
        Cause cause,
        List<DroppedRule> optional) {

    /** Why a plan enforces less than requested, beyond the list of lost features. */
    public enum Cause {
        /** Nothing more to say. */
        NONE,
        /** Landlock cannot be used on this kernel: {@link KernelSupport#availability()} says why. */
        NO_LANDLOCK,
        /** The kernel's ABI can enforce none of the requested restrictions. */
        NOTHING_ENFORCEABLE,
        /** A rule grants REFER on an ABI 1 kernel: the sandbox is kept, cross-directory rename/link fails with EXDEV. */
        REFER_ON_ABI_1,
        /** A soft requirement is not met, so the command runs without a sandbox. */
        SOFT_REQUIREMENT_UNMET
    }

    public RulesetPlan {
        lost = List.copyOf(lost);
        unrequested = List.copyOf(unrequested);
        dropped = List.copyOf(dropped);
        optional = List.copyOf(optional);
    }

    /** A plan in which no optional rule lost anything. */
    public RulesetPlan(KernelSupport kernel, Abi target, Abi abi, Ruleset ruleset, Enforcement enforcement,
                       List<LandlockBit> lost, List<LandlockBit> unrequested, List<DroppedRule> dropped, Cause cause) {
        this(kernel, target, abi, ruleset, enforcement, lost, unrequested, dropped, cause, List.of());
    }

    /** Everything requested that is not restricted here, owed or not, in ABI order. */
    public List<LandlockBit> missing() {
        return Stream.concat(lost.stream(), unrequested.stream()).sorted(LandlockBit.ABI_ORDER).toList();
    }

    /** Whether a ruleset is created and enforced. */
    public boolean applies() {
        return ruleset.restrictsAnything();
    }
}
