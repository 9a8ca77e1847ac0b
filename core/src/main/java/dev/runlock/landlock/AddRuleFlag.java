package dev.runlock.landlock;

/** Flags of {@code landlock_add_rule} ({@code LANDLOCK_ADD_RULE_*}). */
public enum AddRuleFlag implements LandlockBit {
    /** Suppresses audit logs of denials under the rule (logging only, never access). */
    QUIET(0, Abi.V10, "quiet rules");

    private final long bit;
    private final Abi since;
    private final String feature;

    AddRuleFlag(int shift, Abi since, String feature) {
        this.bit = 1L << shift;
        this.since = since;
        this.feature = feature;
    }

    @Override
    public long bit() {
        return bit;
    }

    @Override
    public Abi since() {
        return since;
    }

    @Override
    public String feature() {
        return feature;
    }
}
