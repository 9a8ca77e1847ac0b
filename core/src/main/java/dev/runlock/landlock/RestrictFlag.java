package dev.runlock.landlock;

import java.util.EnumSet;

/** Flags of {@code landlock_restrict_self} ({@code LANDLOCK_RESTRICT_SELF_*}). */
public enum RestrictFlag implements LandlockBit {
    LOG_SAME_EXEC_OFF(0, Abi.V7, "audit log flags"),
    LOG_NEW_EXEC_ON(1, Abi.V7, "audit log flags"),
    LOG_SUBDOMAINS_OFF(2, Abi.V7, "audit log flags"),
    /** Applies the domain to every thread; runlock execs from one thread and does not need it. */
    TSYNC(3, Abi.V8, "all-thread enforcement"),
    /**
     * Sets no_new_privs only once the enforcement succeeded, replacing the prior
     * {@code prctl(PR_SET_NO_NEW_PRIVS)}; runlock adds it itself where the kernel has it, so
     * it is never requested, dropped or warned about.
     */
    NO_NEW_PRIVS(4, Abi.V11, "no_new_privs only with the sandbox");

    private final Spec spec;

    RestrictFlag(int shift, Abi since, String feature) {
        this.spec = Spec.at(shift, since, feature);
    }

    @Override
    public Spec spec() {
        return spec;
    }

    public static EnumSet<RestrictFlag> upTo(Abi abi) {
        return LandlockBit.upTo(RestrictFlag.class, abi);
    }
}
