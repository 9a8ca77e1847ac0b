package dev.runlock.landlock;

import dev.runlock.landlock.RulesetPlan.Cause;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Fits a requested ruleset to what the kernel supports, following the compatibility level.
 * A pure function: no I/O, so every ABI and every level is a table test.
 *
 * <p>REFER on ABI 1 differs from go-landlock on purpose: go-landlock drops the whole sandbox
 * when a rule grants REFER on an ABI 1 kernel; runlock keeps the sandbox (cross-directory
 * rename and link then fail with EXDEV, which {@code mv} handles by copying) and says so.
 */
public final class Downgrade {
    private Downgrade() {
    }

    /**
     * The plan for {@code request} on {@code kernel}: everything the kernel supports is kept; what
     * it lacks is listed in {@link RulesetPlan#lost()}. A soft requirement that is not met yields a
     * plan that enforces nothing.
     *
     * @throws CompatibilityException when the request is a hard requirement and the kernel cannot
     *                                enforce all of it (Landlock unavailable, or rights, scopes or
     *                                flags newer than its ABI)
     */
    public static RulesetPlan plan(RulesetRequest request, KernelSupport kernel) throws CompatibilityException {
        Abi abi = Abi.min(kernel.abi(), request.target());
        Ruleset asked = request.ruleset();
        if (!asked.restrictsAnything()) {
            return new RulesetPlan(kernel, request.target(), abi, Ruleset.NONE, Enforcement.NOT_ENFORCED, List.of(),
                    Cause.NONE);
        }

        Set<AccessFs> fs = retain(asked.handledFs(), AccessFs.upTo(abi), AccessFs.class);
        Set<AccessNet> net = retain(asked.handledNet(), AccessNet.upTo(abi), AccessNet.class);
        Set<Scope> scopes = retain(asked.scopes(), Scope.upTo(abi), Scope.class);
        Set<RestrictFlag> flags = retain(asked.flags(), RestrictFlag.upTo(abi), RestrictFlag.class);

        boolean grantsRefer = asked.pathRules().stream().anyMatch(r -> r.access().contains(AccessFs.REFER));
        List<LandlockBit> lost = Stream.of(asked.handledFs(), asked.handledNet(), asked.scopes(), asked.flags())
                .flatMap(Set::stream)
                .map(LandlockBit.class::cast)
                .filter(b -> !abi.atLeast(b.since()))
                // Without REFER handled the kernel still denies reparenting: only a loss if a rule grants it.
                .filter(b -> b != AccessFs.REFER || grantsRefer)
                .sorted((a, b) -> a.since() != b.since() ? a.since().compareTo(b.since())
                        : Long.compare(a.bit(), b.bit()))
                .toList();

        List<PathRule> pathRules = new ArrayList<>();
        for (PathRule rule : asked.pathRules()) {
            PathRule kept = rule.within(fs);
            if (!kept.access().isEmpty()) {
                pathRules.add(kept);
            }
        }
        List<PortRule> portRules = new ArrayList<>();
        for (PortRule rule : asked.portRules()) {
            PortRule kept = rule.within(net);
            if (!kept.access().isEmpty()) {
                portRules.add(kept);
            }
        }
        Ruleset ruleset = new Ruleset(fs, net, scopes, flags, pathRules, portRules);

        boolean nothingLeft = !ruleset.restrictsAnything();
        Enforcement enforcement = nothingLeft ? Enforcement.NOT_ENFORCED
                : lost.isEmpty() ? Enforcement.FULLY_ENFORCED : Enforcement.PARTIALLY_ENFORCED;
        Cause cause = !kernel.available() ? Cause.NO_LANDLOCK
                : nothingLeft ? Cause.NOTHING_ENFORCEABLE
                : lost.contains(AccessFs.REFER) ? Cause.REFER_ON_ABI_1
                : Cause.NONE;

        if (enforcement != Enforcement.FULLY_ENFORCED) {
            switch (request.compat()) {
                case HARD_REQUIREMENT -> throw new CompatibilityException(kernel, abi, lost);
                case SOFT_REQUIREMENT -> {
                    return new RulesetPlan(kernel, request.target(), abi, Ruleset.NONE, Enforcement.NOT_ENFORCED, lost,
                            kernel.available() ? Cause.SOFT_REQUIREMENT_UNMET : Cause.NO_LANDLOCK);
                }
                case BEST_EFFORT -> { }
            }
        }
        return new RulesetPlan(kernel, request.target(), abi, ruleset, enforcement, lost, cause);
    }

    private static <E extends Enum<E>> Set<E> retain(Set<E> requested, Set<E> supported, Class<E> type) {
        EnumSet<E> set = EnumSet.noneOf(type);
        set.addAll(requested);
        set.retainAll(supported);
        return set;
    }
}
