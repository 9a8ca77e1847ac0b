package dev.runlock.conformance;

import java.util.List;
import java.util.stream.Stream;

/** Which cases a run includes. */
public enum Subset {
    /** landrun's suite, its offline twins and runlock's own cases. */
    ALL,
    /** landrun's suite and its offline twins. */
    LANDRUN,
    /** runlock's own cases. */
    OWN,
    /**
     * Every case whose outcome depends on a Landlock feature ({@link Case#features}), for the
     * kernel matrix: each feature then has its cases on every kernel, enforced or not.
     */
    FEATURES;

    /** The cases, with {@link #FEATURES} judged on {@code implementation}'s dialect. */
    public List<Case> cases(Implementation implementation) {
        Stream<Case> landrun = Stream.concat(LandrunCases.all().stream(), LandrunCases.offlineTwins().stream());
        return switch (this) {
            case ALL -> Stream.concat(landrun, OwnCases.all().stream()).toList();
            case LANDRUN -> landrun.toList();
            case OWN -> OwnCases.all();
            case FEATURES -> ALL.cases(implementation).stream().filter(c -> !c.features(implementation).isEmpty()).toList();
        };
    }
}
