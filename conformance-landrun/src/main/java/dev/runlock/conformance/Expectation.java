package dev.runlock.conformance;

/** A case's expectation as a function of the target (dialect and effective ABI). */
@FunctionalInterface
public interface Expectation {

    Expected on(Target target);

    static Expectation exit(int status) {
        Expected expected = Expected.status(status);
        return target -> expected;
    }

    /**
     * The one rule every ABI-dependent case goes through: what is denied where the feature is
     * enforced is simply allowed on an effective ABI below it (older kernel or {@code --abi} pin).
     */
    static Expectation enforcing(Feature feature, Expectation whenEnforced, Expectation otherwise) {
        return target -> (feature.enforcedOn(target.effectiveAbi()) ? whenEnforced : otherwise).on(target);
    }

    /** {@link #enforcing} for plain exit statuses. */
    static Expectation enforcing(Feature feature, int deniedStatus, int allowedStatus) {
        return enforcing(feature, exit(deniedStatus), exit(allowedStatus));
    }

    /** Best effort: runs either way, with the degradation warning where the feature is missing. */
    static Expectation degraded(Feature feature, int status) {
        return enforcing(feature, exit(status),
                target -> Expected.status(status).and(Check.degradationWarning(target, feature)));
    }

    /** --compat hard: refused with one error line where the feature is missing. */
    static Expectation refusedWithout(Feature feature, int status) {
        return enforcing(feature, exit(status), target -> Expected.status(1).and(Check.refusal(target, feature)));
    }

    default Expectation and(Check check) {
        return target -> on(target).and(check);
    }
}
