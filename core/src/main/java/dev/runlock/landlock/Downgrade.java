package dev.runlock.landlock;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
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

    public static RulesetPlan plan(RulesetRequest request, KernelSupport kernel) throws CompatibilityException {
        Abi abi = Abi.min(kernel.abi(), request.target());
        if (!request.restrictsAnything()) {
            return new RulesetPlan(kernel, request.target(), abi, Set.of(), Set.of(), Set.of(), Set.of(),
                    List.of(), List.of(), Enforcement.NOT_ENFORCED, false, List.of(), "");
        }

        Set<AccessFs> fs = retain(request.handledFs(), AccessFs.upTo(abi), AccessFs.class);
        Set<AccessNet> net = retain(request.handledNet(), AccessNet.upTo(abi), AccessNet.class);
        Set<Scope> scopes = retain(request.scopes(), Scope.upTo(abi), Scope.class);
        Set<RestrictFlag> flags = retain(request.flags(), RestrictFlag.upTo(abi), RestrictFlag.class);

        boolean grantsRefer = request.pathRules().stream().anyMatch(r -> r.access().contains(AccessFs.REFER));
        List<LandlockBit> lost = Stream.of(request.handledFs(), request.handledNet(), request.scopes(), request.flags())
                .flatMap(Set::stream)
                .map(LandlockBit.class::cast)
                .filter(b -> !abi.atLeast(b.since()))
                // Without REFER handled the kernel still denies reparenting: only a loss if a rule grants it.
                .filter(b -> b != AccessFs.REFER || grantsRefer)
                .sorted((a, b) -> a.since() != b.since() ? a.since().compareTo(b.since())
                        : Long.compare(a.bit(), b.bit()))
                .toList();
        List<String> dropped = describe(lost);

        List<PathRule> pathRules = new ArrayList<>();
        for (PathRule rule : request.pathRules()) {
            PathRule kept = rule.within(fs);
            if (!kept.access().isEmpty()) {
                pathRules.add(kept);
            }
        }
        List<PortRule> portRules = new ArrayList<>();
        for (PortRule rule : request.portRules()) {
            PortRule kept = rule.within(net);
            if (!kept.access().isEmpty()) {
                portRules.add(kept);
            }
        }

        boolean nothingLeft = fs.isEmpty() && net.isEmpty() && scopes.isEmpty();
        Enforcement enforcement = nothingLeft ? Enforcement.NOT_ENFORCED
                : dropped.isEmpty() ? Enforcement.FULLY_ENFORCED : Enforcement.PARTIALLY_ENFORCED;
        String notice = !kernel.available() ? kernel.reason()
                : nothingLeft ? "Landlock " + kernel.abi() + " cannot restrict any of: " + String.join(", ", dropped)
                : lost.contains(AccessFs.REFER) ? "cross-directory rename/link fails with EXDEV on ABI 1"
                : "";

        if (enforcement != Enforcement.FULLY_ENFORCED) {
            switch (request.compat()) {
                case HARD_REQUIREMENT -> throw hardFailure(kernel, abi, dropped);
                case SOFT_REQUIREMENT -> {
                    String why = kernel.available()
                            ? "Landlock " + abi + " lacks " + String.join(", ", dropped) + " (--compat soft runs unsandboxed then)"
                            : kernel.reason();
                    return new RulesetPlan(kernel, request.target(), abi, Set.of(), Set.of(), Set.of(), Set.of(),
                            List.of(), List.of(), Enforcement.NOT_ENFORCED, false, dropped, why);
                }
                case BEST_EFFORT -> { }
            }
        }
        return new RulesetPlan(kernel, request.target(), abi, fs, net, scopes, flags, pathRules, portRules,
                enforcement, !nothingLeft, dropped, notice);
    }

    private static CompatibilityException hardFailure(KernelSupport kernel, Abi abi, List<String> dropped) {
        if (!kernel.available()) {
            return new CompatibilityException(kernel.reason() + " (required by --compat hard)", dropped);
        }
        return new CompatibilityException("Landlock " + abi + " lacks " + String.join(", ", dropped)
                + " (required by --compat hard; pin an older ABI with --abi to accept)", dropped);
    }

    /** Feature names with their ABI, each once, in ABI order: {@code truncate (ABI 3)}. */
    static List<String> describe(List<LandlockBit> bits) {
        Set<String> features = new LinkedHashSet<>();
        for (LandlockBit b : bits) {
            features.add(b.feature() + " (" + b.since() + ")");
        }
        return List.copyOf(features);
    }

    private static <E extends Enum<E>> Set<E> retain(Set<E> requested, Set<E> supported, Class<E> type) {
        EnumSet<E> set = EnumSet.noneOf(type);
        set.addAll(requested);
        set.retainAll(supported);
        return set;
    }
}
