package dev.runlock.landlock;

/** Flags of {@code landlock_add_rule} ({@code LANDLOCK_ADD_RULE_*}). */
public enum AddRuleFlag implements LandlockBit {
    /** Suppresses audit logs of denials under the rule (logging only, never access). */
    QUIET(0, Abi.V10, "quiet rules");

    private final Spec spec;

    AddRuleFlag(int shift, Abi since, String feature) {
        this.spec = Spec.at(shift, since, feature);
    }

    @Override
    public Spec spec() {
        return spec;
    }
}
