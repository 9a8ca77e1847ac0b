package dev.runlock.conformance;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
     * For the kernel matrix: per Landlock feature, the first case whose outcome depends on it
     * ({@link Case#features}) and on as few other features as possible, that applies on every
     * ABI and needs no internet. Every feature then has a case on every kernel, enforced or not,
     * at a cost each guest under TCG can afford.
     */
    FEATURES;

    /** The cases, with {@link #FEATURES} judged on {@code implementation}'s dialect. */
    public List<Case> cases(Implementation implementation) {
        Stream<Case> landrun = Stream.concat(LandrunCases.all().stream(), LandrunCases.offlineTwins().stream());
        return switch (this) {
            case ALL -> Stream.concat(landrun, OwnCases.all().stream()).toList();
            case LANDRUN -> landrun.toList();
            case OWN -> OwnCases.all();
            case FEATURES -> featureCover(ALL.cases(implementation), implementation);
        };
    }

    private static List<Case> featureCover(List<Case> cases, Implementation implementation) {
        List<Case> candidates = cases.stream().filter(c -> !c.has(Tag.INTERNET) && c.appliesOnEveryAbi(implementation))
                .toList();
        Set<Case> cover = new LinkedHashSet<>();
        for (Feature feature : Feature.values()) {
            candidates.stream().filter(c -> c.features(implementation).contains(feature))
                    .min(Comparator.comparingInt(c -> c.features(implementation).size()))
                    .ifPresent(cover::add);
        }
        return cases.stream().filter(cover::contains).toList();
    }
}
