package dev.runlock.cli;

import dev.runlock.landlock.Abi;
import dev.runlock.landlock.CompatibilityException;
import dev.runlock.landlock.DroppedRule;
import dev.runlock.landlock.Enforcement;
import dev.runlock.landlock.Errno;
import dev.runlock.landlock.KernelSupport;
import dev.runlock.landlock.LandlockBit;
import dev.runlock.landlock.PathRule;
import dev.runlock.landlock.PortRule;
import dev.runlock.landlock.Rule;
import dev.runlock.landlock.RulesetPlan;
import dev.runlock.sandbox.PathGrant;
import dev.runlock.sandbox.PolicyException;
import java.util.ArrayList;
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
    /** A port range drops one rule per port: the warning names this many and counts the rest. */
    private static final int NAMED_RULES = 3;

    private Wording() {
    }

    /**
     * What a plan enforces, as {@code --explain} and the debug log say it. A plan that lacks only
     * rights nothing owed (above the baseline, asked for by nothing) is enforced as promised: it
     * earns no warning, so it is not called partial either; the lines below the headline name
     * what is not restricted here.
     */
    static String enforcement(RulesetPlan plan) {
        return switch (plan.enforcement()) {
            case FULLY_ENFORCED -> "fully enforced";
            case PARTIALLY_ENFORCED -> plan.lost().isEmpty() ? "enforced (" + Abi.baseline() + " baseline met)" : "partially enforced";
            case NOT_ENFORCED -> "NOT enforced";
        };
    }

    /** One line a user can act on when Landlock is not available (or which ABI is enabled). */
    static String reason(KernelSupport kernel) {
        return switch (kernel.availability()) {
            case ENABLED -> "Landlock " + kernel.abi() + " is enabled";
            case ABSENT -> "this kernel has no Landlock (ENOSYS): it needs Linux 5.13 or newer built with CONFIG_SECURITY_LANDLOCK";
            case DISABLED -> "Landlock is built into this kernel but not enabled at boot (EOPNOTSUPP): add landlock to the lsm= kernel parameter";
            case BLOCKED -> "the Landlock syscalls are blocked by a seccomp filter or container runtime ("
                    + Errno.name(kernel.errno()) + (kernel.errno() == Errno.ENOSYS ? " under a seccomp filter" : "")
                    + "): allow landlock_create_ruleset, landlock_add_rule and landlock_restrict_self in its profile";
        };
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
            case NO_LANDLOCK -> reason(kernel);
            case NOTHING_ENFORCEABLE -> "Landlock " + kernel.abi() + " cannot restrict any of: " + joined(plan.lost());
            case REFER_ON_ABI_1 -> "cross-directory rename/link fails with EXDEV on ABI 1";
            case SOFT_REQUIREMENT_UNMET -> landlock(kernel, plan.abi()) + " lacks " + joined(plan.lost())
                    + dropped(plan.dropped()) + " ("
                    + Option.COMPAT.longName() + " soft runs unsandboxed then)";
        };
    }

    /**
     * The one warning a degraded sandbox deserves, if it deserves one: when Landlock is missing,
     * when the baseline (or the pinned ABI) is incomplete, or when something the user asked for is
     * dropped. Rights above the baseline that nothing asked for earn none: {@link #unrequested}.
     */
    static Optional<String> warning(RulesetPlan plan) {
        String notice = notice(plan);
        if (plan.enforcement() == Enforcement.NOT_ENFORCED) {
            return notice.isEmpty() ? Optional.empty() : Optional.of("sandbox NOT enforced: " + notice);
        }
        if (plan.lost().isEmpty()) {
            return Optional.empty();
        }
        String line = "sandbox partially enforced on " + landlock(plan.kernel(), plan.abi()) + ": not restricted: "
                + joined(plan.lost()) + dropped(plan.dropped());
        return Optional.of(notice.isEmpty() ? line : line + "; " + notice);
    }

    /** What is not restricted without a warning: rights above the baseline that nothing asked for; empty if none. */
    static String unrequested(RulesetPlan plan) {
        // A feature is one thing to a user: UDP bind asked for makes UDP connect no quiet matter.
        List<String> quiet = new ArrayList<>(features(plan.unrequested()));
        quiet.removeAll(features(plan.lost()));
        return quiet.isEmpty() ? ""
                : String.join(", ", quiet) + " (above the " + Abi.baseline() + " baseline, asked for by nothing)";
    }

    /** A dropped rule as the user wrote it, with what it needs: {@code --connect-udp 53 needs UDP (ABI 10)}. */
    static String dropped(DroppedRule dropped) {
        Rule rule = dropped.rule();
        return rule.origin() + " " + switch (rule) {
            case PathRule path -> path.path();
            case PortRule port -> port.port();
        } + " needs " + joined(dropped.rights());
    }

    /** Why a hard requirement refused to run, and how to accept less. */
    static String refused(CompatibilityException e) {
        String required = "required by " + Option.COMPAT.longName() + " hard";
        if (!e.kernel().available()) {
            return reason(e.kernel()) + " (" + required + ")";
        }
        String line = landlock(e.kernel(), e.abi()) + " lacks " + joined(e.lost()) + dropped(e.dropped());
        String best = Option.COMPAT.longName() + " best";
        return line + " (" + required + (e.dropped().isEmpty()
                ? "; pin an older ABI with " + Option.ABI.longName() + ", or use " + best + ", to accept)"
                : "; remove the grant, or use " + best + ", to accept)");
    }

    /** "Landlock ABI 7", saying so when the user's pin, not the kernel, set it. */
    private static String landlock(KernelSupport kernel, Abi abi) {
        boolean pinned = kernel.available() && abi.compareTo(kernel.abi()) < 0;
        return "Landlock " + abi + (pinned ? " (pinned by " + Option.ABI.longName() + ")" : "");
    }

    /** The dropped rules, the first few by name: {@code ; cannot enforce --connect-udp 53 needs UDP (ABI 10)}. */
    private static String dropped(List<DroppedRule> dropped) {
        if (dropped.isEmpty()) {
            return "";
        }
        List<String> named = dropped.stream().limit(NAMED_RULES).map(Wording::dropped).toList();
        return "; dropped: " + String.join(", ", named)
                + (dropped.size() > NAMED_RULES ? " and " + (dropped.size() - NAMED_RULES) + " more rules" : "");
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
