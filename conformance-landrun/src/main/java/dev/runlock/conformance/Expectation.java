package dev.runlock.conformance;

import java.util.Arrays;

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

    /** Best effort: runs either way, with the degradation warning where the kernel lacks the feature. */
    static Expectation degraded(Feature feature, int status) {
        return target -> target.lacks(feature)
                ? Expected.status(status).and(Check.degradationWarning(target, feature))
                : Expected.status(status);
    }

    /**
     * --compat hard: refused with one error line when the kernel lacks anything the sandbox asks
     * for (every feature up to the newest, or up to the pin), naming this case's feature when the
     * kernel lacks it, else the first missing one; runlock handles UDP and pathname sockets, so
     * ABI 7 is refused unpinned.
     */
    static Expectation refusedWithout(Feature feature, int status) {
        return target -> Arrays.stream(Feature.values()).filter(target::lacks).findFirst()
                .map(missing -> Expected.status(1).and(Check.refusal(target, target.lacks(feature) ? feature : missing)))
                .orElse(Expected.status(status));
    }

    default Expectation and(Check check) {
        return target -> on(target).and(check);
    }
}
