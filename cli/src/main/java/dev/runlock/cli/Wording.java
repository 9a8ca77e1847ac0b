package dev.runlock.cli;

import dev.runlock.landlock.CompatibilityException;
import dev.runlock.landlock.Enforcement;
import dev.runlock.landlock.KernelSupport;
import dev.runlock.landlock.LandlockBit;
import dev.runlock.landlock.RulesetPlan;
import dev.runlock.sandbox.PathGrant;
import dev.runlock.sandbox.PolicyException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns core's facts (a plan's losses and their cause, a refused hard requirement, a missing
 * path) into the words, flags and hints a user reads. The {@code warning: } and {@code error: }
 * prefixes are {@link Log}'s.
 */
final class Wording {
    private Wording() {
    }

    /** Each lost feature once, with its ABI, in ABI order: {@code truncate (ABI 3)}. */
    static List<String> features(List<LandlockBit> lost) {
        Set<String> features = new LinkedHashSet<>();
        for (LandlockBit b : lost) {
            features.add(b.feature() + " (" + b.since() + ")");
        }
        return List.copyOf(features);
    }

    /** Why nothing is enforced, or a note on a degraded feature; empty if none. */
    static String notice(RulesetPlan plan) {
        KernelSupport kernel = plan.kernel();
        return switch (plan.cause()) {
            case NONE -> "";
            case NO_LANDLOCK -> kernel.reason();
            case NOTHING_ENFORCEABLE -> "Landlock " + kernel.abi() + " cannot restrict any of: " + joined(plan.lost());
            case REFER_ON_ABI_1 -> "cross-directory rename/link fails with EXDEV on ABI 1";
            case SOFT_REQUIREMENT_UNMET -> "Landlock " + plan.abi() + " lacks " + joined(plan.lost()) + " ("
                    + Option.COMPAT.longName() + " soft runs unsandboxed then)";
        };
    }

    /** The one warning a degraded sandbox deserves, if it deserves one. */
    static Optional<String> warning(RulesetPlan plan) {
        String notice = notice(plan);
        if (plan.enforcement() == Enforcement.NOT_ENFORCED) {
            return notice.isEmpty() ? Optional.empty() : Optional.of("sandbox NOT enforced: " + notice);
        }
        if (plan.enforcement() == Enforcement.PARTIALLY_ENFORCED) {
            String line = "sandbox partially enforced on Landlock " + plan.abi() + ": not restricted: "
                    + joined(plan.lost());
            return Optional.of(notice.isEmpty() ? line : line + "; " + notice);
        }
        return Optional.empty();
    }

    /** Why a hard requirement refused to run, and how to accept less. */
    static String refused(CompatibilityException e) {
        String required = "required by " + Option.COMPAT.longName() + " hard";
        if (!e.kernel().available()) {
            return e.kernel().reason() + " (" + required + ")";
        }
        return "Landlock " + e.abi() + " lacks " + joined(e.lost()) + " (" + required + "; pin an older ABI with "
                + Option.ABI.longName() + " to accept)";
    }

    /** A granted path that does not exist, and the switch that skips such paths. */
    static String missing(PolicyException e) {
        PathGrant grant = e.missing();
        return "path does not exist: " + grant.path() + " (" + grant.origin() + "; "
                + Option.IGNORE_MISSING.longName() + " skips such paths)";
    }

    private static String joined(List<LandlockBit> lost) {
        return String.join(", ", features(lost));
    }
}
