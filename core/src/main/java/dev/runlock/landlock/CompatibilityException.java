package dev.runlock.landlock;

import java.util.List;

/**
 * The kernel lacks features that a hard compatibility requirement demands.
 *
 * @see RulesetPlan the same facts for a plan that went ahead
 */
public final class CompatibilityException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient KernelSupport kernel;
    private final transient Abi abi;
    private final transient List<LandlockBit> lost;
    private final transient List<DroppedRule> dropped;

    public CompatibilityException(KernelSupport kernel, Abi abi, List<LandlockBit> lost, List<DroppedRule> dropped) {
        super("Landlock " + abi + " cannot enforce " + lost.size() + " requested rights, scopes or flags");
        this.kernel = kernel;
        this.abi = abi;
        this.lost = List.copyOf(lost);
        this.dropped = List.copyOf(dropped);
    }

    /** What the kernel offers. */
    public KernelSupport kernel() {
        return kernel;
    }

    /** The ABI the ruleset would have been built for. */
    public Abi abi() {
        return abi;
    }

    /** Each missing right, scope or flag that is promised or asked for, in ABI order. */
    public List<LandlockBit> lost() {
        return lost;
    }

    /** The rules whose asked-for rights are missing. */
    public List<DroppedRule> dropped() {
        return dropped;
    }
}
