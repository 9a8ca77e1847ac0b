package dev.runlock.landlock;

import dev.runlock.landlock.RulesetPlan.Cause;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
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
     * it lacks is sorted into {@link RulesetPlan#lost()} (promised or asked for) and
     * {@link RulesetPlan#unrequested()} (neither). A soft requirement that is not met yields a
     * plan that enforces nothing.
     *
     * @throws CompatibilityException when the request is a hard requirement and the kernel cannot
     *                                enforce what it owes (Landlock unavailable, promised rights,
     *                                or rights, scopes or flags the user asked for)
     */
    public static RulesetPlan plan(RulesetRequest request, KernelSupport kernel) throws CompatibilityException {
        Abi abi = Abi.min(kernel.abi(), request.target());
        Ruleset asked = request.ruleset();
        if (!asked.restrictsAnything() && asked.portRules().isEmpty()) {
            return new RulesetPlan(kernel, request.target(), abi, Ruleset.NONE, Enforcement.NOT_ENFORCED, List.of(),
                    List.of(), List.of(), Cause.NONE);
        }

        Set<AccessFs> fs = retain(asked.handledFs(), AccessFs.upTo(abi), AccessFs.class);
        Set<AccessNet> net = retain(asked.handledNet(), AccessNet.upTo(abi), AccessNet.class);
        Set<Scope> scopes = retain(asked.scopes(), Scope.upTo(abi), Scope.class);
        Set<RestrictFlag> flags = retain(asked.flags(), RestrictFlag.upTo(abi), RestrictFlag.class);

        boolean grantsRefer = asked.pathRules().stream().anyMatch(r -> r.access().contains(AccessFs.REFER));
        List<LandlockBit> missing = Stream.of(asked.handledFs(), asked.handledNet(), asked.scopes(), asked.flags())
                .flatMap(Set::stream)
                .map(LandlockBit.class::cast)
                .filter(b -> !abi.atLeast(b.since()))
                // Without REFER handled the kernel still denies reparenting: only a loss if a rule grants it.
                .filter(b -> b != AccessFs.REFER || grantsRefer)
                .toList();

        List<DroppedRule> dropped = new ArrayList<>();
        List<DroppedRule> optional = new ArrayList<>();
        Set<LandlockBit> optionalOnly = new LinkedHashSet<>(request.optional());
        optionalOnly.removeAll(request.asked());
        List<PathRule> pathRules = new ArrayList<>();
        for (PathRule rule : asked.pathRules()) {
            PathRule kept = rule.within(fs);
            drop(rule, rule.access(), kept.access(), request.asked(), dropped);
            drop(rule, rule.access(), kept.access(), optionalOnly, optional);
            if (!kept.access().isEmpty()) {
                pathRules.add(kept);
            }
        }
        List<PortRule> portRules = new ArrayList<>();
        for (PortRule rule : asked.portRules()) {
            PortRule kept = rule.within(net);
            drop(rule, rule.access(), kept.access(), request.asked(), dropped);
            drop(rule, rule.access(), kept.access(), optionalOnly, optional);
            if (!kept.access().isEmpty()) {
                portRules.add(kept);
            }
        }
        ephemeralUdpBind(net, portRules).ifPresent(rule -> portRules.addFirst(rule));
        Ruleset ruleset = new Ruleset(fs, net, scopes, flags, pathRules, portRules);
        boolean nothingLeft = !ruleset.restrictsAnything();

        // Owed: promised rights, anything asked for; with nothing enforced, every missing right.
        Set<LandlockBit> owed = new LinkedHashSet<>();
        for (LandlockBit b : missing) {
            if (nothingLeft || request.promised().atLeast(b.since()) || request.asked().contains(b)) {
                owed.add(b);
            }
        }
        dropped.forEach(d -> owed.addAll(d.rights()));
        if (!kernel.available()) {
            // Every rule is gone: NO_LANDLOCK says so once, instead of once per rule.
            dropped.clear();
            optional.clear();
        }
        List<LandlockBit> lost = inAbiOrder(owed);
        List<LandlockBit> unrequested = inAbiOrder(missing.stream().filter(b -> !owed.contains(b)).toList());

        Enforcement enforcement = nothingLeft ? Enforcement.NOT_ENFORCED
                : lost.isEmpty() && unrequested.isEmpty() ? Enforcement.FULLY_ENFORCED : Enforcement.PARTIALLY_ENFORCED;
        Cause cause = !kernel.available() ? Cause.NO_LANDLOCK
                : nothingLeft ? Cause.NOTHING_ENFORCEABLE
                : lost.contains(AccessFs.REFER) ? Cause.REFER_ON_ABI_1
                : Cause.NONE;

        if (nothingLeft || !lost.isEmpty()) {
            switch (request.compat()) {
                case HARD_REQUIREMENT -> throw new CompatibilityException(kernel, abi, lost, dropped);
                case SOFT_REQUIREMENT -> {
                    return new RulesetPlan(kernel, request.target(), abi, Ruleset.NONE, Enforcement.NOT_ENFORCED, lost,
                            unrequested, dropped, kernel.available() ? Cause.SOFT_REQUIREMENT_UNMET : Cause.NO_LANDLOCK);
                }
                case BEST_EFFORT -> { }
            }
        }
        return new RulesetPlan(kernel, request.target(), abi, ruleset, enforcement, lost, unrequested, dropped, cause,
                optional);
    }

    /**
     * The first send on an unbound UDP socket binds it to an ephemeral port, which the kernel
     * checks as BIND_UDP on port 0 when that right is handled: without this rule a UDP connect
     * grant allows nothing (a DNS query fails with EACCES). Port 0 names no port the command could
     * choose. Added here, where the kernel's rights are known, so it is never reported as dropped.
     */
    private static Optional<PortRule> ephemeralUdpBind(Set<AccessNet> net, List<PortRule> rules) {
        if (!net.contains(AccessNet.BIND_UDP)
                || rules.stream().anyMatch(r -> r.port() == 0 && r.access().contains(AccessNet.BIND_UDP))) {
            return Optional.empty();
        }
        return rules.stream().filter(r -> r.access().contains(AccessNet.CONNECT_SEND_UDP)).findFirst()
                .map(r -> new PortRule(EnumSet.of(AccessNet.BIND_UDP), 0, "ephemeral bind for " + r.origin()));
    }

    /** Records {@code rule} as dropped when it loses rights of {@code asked}. */
    private static void drop(Rule rule, Set<? extends LandlockBit> access, Set<? extends LandlockBit> kept,
                             Set<LandlockBit> asked, List<DroppedRule> dropped) {
        List<LandlockBit> rights = inAbiOrder(access.stream().filter(b -> !kept.contains(b) && asked.contains(b))
                .map(LandlockBit.class::cast).toList());
        if (!rights.isEmpty()) {
            dropped.add(new DroppedRule(rule, rights));
        }
    }

    private static List<LandlockBit> inAbiOrder(Collection<LandlockBit> bits) {
        return bits.stream().sorted(LandlockBit.ABI_ORDER).toList();
    }

    private static <E extends Enum<E>> Set<E> retain(Set<E> requested, Set<E> supported, Class<E> type) {
        EnumSet<E> set = EnumSet.noneOf(type);
        set.addAll(requested);
        set.retainAll(supported);
        return set;
    }
}
