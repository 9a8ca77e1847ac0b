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
    /** One case per ABI feature, for the kernel matrix. */
    DEGRADATION;

    public List<Case> cases() {
        Stream<Case> landrun = Stream.concat(LandrunCases.all().stream(), LandrunCases.offlineTwins().stream());
        return switch (this) {
            case ALL -> Stream.concat(landrun, OwnCases.all().stream()).toList();
            case LANDRUN -> landrun.toList();
            case OWN -> OwnCases.all();
            case DEGRADATION -> Stream.concat(landrun, OwnCases.all().stream()).filter(c -> c.has(Tag.DEGRADATION)).toList();
        };
    }
}
