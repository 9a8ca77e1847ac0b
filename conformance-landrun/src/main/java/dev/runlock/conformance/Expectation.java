package dev.runlock.conformance;

import java.util.Arrays;
import java.util.Optional;

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

    /**
     * Best effort, for a case that asks for {@code feature}: runs either way, with the degradation
     * warning where the feature is dropped (kernel or pin below it) or the kernel lacks part of
     * what runlock owes (the baseline, or everything up to the pin).
     */
    static Expectation degraded(Feature feature, int status) {
        return target -> missing(target, feature)
                .map(missing -> Expected.status(status).and(Check.degradationWarning(target, missing)))
                .orElse(Expected.status(status));
    }

    /**
     * --compat hard, for a case that asks for {@code feature}: refused with one error line where
     * best effort would warn, naming the case's feature when it is dropped, else the first owed
     * feature the kernel lacks.
     */
    static Expectation refusedWithout(Feature feature, int status) {
        return target -> missing(target, feature)
                .map(missing -> Expected.status(1).and(Check.refusal(target, missing)))
                .orElse(Expected.status(status));
    }

    /** For a case that pins {@code --abi} itself: the expectation as on a run with that pin. */
    static Expectation pinned(int abi, Expectation expectation) {
        return target -> expectation.on(target.pinnedTo(abi));
    }

    private static Optional<Feature> missing(Target target, Feature asked) {
        return target.drops(asked) ? Optional.of(asked) : Arrays.stream(Feature.values()).filter(target::owes).findFirst();
    }

    default Expectation and(Check check) {
        return target -> on(target).and(check);
    }
}
