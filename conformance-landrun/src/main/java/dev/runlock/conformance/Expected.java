package dev.runlock.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a case expects on one target: an exit status and further checks, or not to apply at all.
 *
 * @param notApplicable why the case does not apply to this target (it is then skipped)
 */
public record Expected(int status, List<Check> checks, Optional<String> notApplicable) {

    public Expected {
        checks = List.copyOf(checks);
    }

    public static Expected status(int status) {
        return new Expected(status, List.of(), Optional.empty());
    }

    public static Expected notApplicable(String reason) {
        return new Expected(-1, List.of(), Optional.of(reason));
    }

    public Expected and(Check check) {
        List<Check> more = new ArrayList<>(checks);
        more.add(check);
        return new Expected(status, more, notApplicable);
    }
}
