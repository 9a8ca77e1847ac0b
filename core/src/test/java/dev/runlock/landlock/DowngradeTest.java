package dev.runlock.landlock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runlock.landlock.KernelSupport.Availability;
import dev.runlock.landlock.RulesetPlan.Cause;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * go-landlock's TestDowngrade, extended to the three compatibility levels: every kernel (ABI
 * 1..12, 12 being newer than runlock knows, and the three ways Landlock can be unavailable) × every level × a few requests.
 */
class DowngradeTest {
    private static final long ALL_ERRATA = 0x7;
    private static final Set<AccessFs> RO_DIR = EnumSet.of(AccessFs.READ_FILE, AccessFs.READ_DIR, AccessFs.EXECUTE);
    private static final Set<AccessFs> RW_DIR = EnumSet.complementOf(EnumSet.of(AccessFs.EXECUTE, AccessFs.RESOLVE_UNIX));

    /** A request and, by hand, each feature it loses below the ABI that introduced it. */
    record Case(String name, RulesetRequest request, List<Lost> losses) {
        @Override
        public String toString() {
            return name;
        }

        /** What {@code kernel} lacks that the user is owed: the baseline (ABI 6, or the pin), what was asked for. */
        List<String> owedOn(KernelSupport kernel, boolean nothingLeft) {
            int promised = Math.min(6, request.target().number());
            return missingOn(kernel).filter(l -> nothingLeft || l.named || l.abi <= promised).map(Lost::text).toList();
        }

        /** What {@code kernel} lacks above the promise that nothing asked for. */
        List<String> unrequestedOn(KernelSupport kernel, boolean nothingLeft) {
            List<String> owed = owedOn(kernel, nothingLeft);
            return missingOn(kernel).map(Lost::text).filter(t -> !owed.contains(t)).distinct().toList();
        }

        private Stream<Lost> missingOn(KernelSupport kernel) {
            Abi abi = Abi.min(kernel.abi(), request.target());
            return losses.stream().filter(l -> l.abi > abi.number());
        }
    }

    /** A feature a request loses below {@code abi}; {@code named} when a rule names it (a port, a socket). */
    record Lost(String feature, int abi, boolean named) {
        Lost(String feature, int abi) {
            this(feature, abi, false);
        }

        Lost asked() {
            return new Lost(feature, abi, true);
        }

        String text() {
            return feature + " (ABI " + abi + ")";
        }
    }

    /** What a kernel without Landlock loses on top: the filesystem rights of ABI 1. */
    private static final List<Lost> ABI1_FS = Stream.of("execute", "write", "read", "read directories",
            "remove directories", "remove files", "make character devices", "make directories", "make files",
            "make sockets", "make fifos", "make block devices", "make symlinks").map(f -> new Lost(f, 1)).toList();

    static List<Case> cases() {
        return List.of(
                new Case("default policy", request(Abi.newest(), AccessFs.upTo(Abi.newest()), AccessNet.upTo(Abi.newest()),
                        Scope.upTo(Abi.newest()), List.of(rox("/usr"), rw("/work")), List.of()),
                        withAbi1Fs(new Lost("cross-directory rename/link", 2), new Lost("truncate", 3), new Lost("TCP", 4),
                                new Lost("device ioctl", 5), new Lost("abstract UNIX socket scope", 6),
                                new Lost("signal scope", 6), new Lost("pathname UNIX socket connect", 9),
                                new Lost("UDP", 10))),
                new Case("read-only rules", request(Abi.V10, AccessFs.upTo(Abi.V10), Set.of(), Set.of(),
                        List.of(rox("/usr")), List.of()),
                        // REFER is handled but granted nowhere: the kernel denies reparenting on ABI 1 anyway.
                        withAbi1Fs(new Lost("truncate", 3), new Lost("device ioctl", 5),
                                new Lost("pathname UNIX socket connect", 9))),
                new Case("TCP only", request(Abi.V10, Set.of(), EnumSet.of(AccessNet.BIND_TCP, AccessNet.CONNECT_TCP),
                        Set.of(), List.of(), List.of(port(443, AccessNet.CONNECT_TCP))),
                        List.of(new Lost("TCP", 4).asked())),
                new Case("UDP ports", request(Abi.V10, Set.of(), AccessNet.upTo(Abi.V10), Set.of(), List.of(),
                        List.of(port(53, AccessNet.BIND_UDP, AccessNet.CONNECT_SEND_UDP), port(443, AccessNet.CONNECT_TCP))),
                        List.of(new Lost("TCP", 4).asked(), new Lost("UDP", 10).asked())),
                new Case("pinned to ABI 3", request(Abi.V3, AccessFs.upTo(Abi.V3), Set.of(), Set.of(),
                        List.of(rw("/work").within(AccessFs.upTo(Abi.V3))), List.of()),
                        withAbi1Fs(new Lost("cross-directory rename/link", 2), new Lost("truncate", 3))),
                // The rule asks for UDP, which the pin leaves unhandled: a dropped rule, not a silent one.
                new Case("pinned to ABI 7 with a UDP rule", request(Abi.V7, AccessFs.upTo(Abi.V7), AccessNet.upTo(Abi.V7),
                        Scope.upTo(Abi.V7), List.of(rox("/usr")), List.of(port(53, AccessNet.CONNECT_SEND_UDP))),
                        withAbi1Fs(new Lost("truncate", 3), new Lost("TCP", 4), new Lost("device ioctl", 5),
                                new Lost("abstract UNIX socket scope", 6), new Lost("signal scope", 6),
                                new Lost("UDP", 10).asked())));
    }

    private static List<Lost> withAbi1Fs(Lost... newer) {
        return Stream.concat(ABI1_FS.stream(), Stream.of(newer)).toList();
    }

    static List<KernelSupport> kernels() {
        List<KernelSupport> kernels = new ArrayList<>(List.of(
                KernelSupport.unavailable(Availability.ABSENT, Errno.ENOSYS),
                KernelSupport.unavailable(Availability.DISABLED, Errno.EOPNOTSUPP),
                KernelSupport.unavailable(Availability.BLOCKED, Errno.EPERM)));
        for (int abi = 1; abi <= Abi.newest().number() + 1; abi++) {
            kernels.add(KernelSupport.enabled(abi, ALL_ERRATA));
        }
        return kernels;
    }

    static Stream<Arguments> table() {
        return kernels().stream().flatMap(k -> Stream.of(CompatLevel.values())
                .flatMap(level -> cases().stream().map(c -> Arguments.of(
                        k.available() ? k.abi() : k.availability() + " " + Errno.name(k.errno()), level, c, k))));
    }

    @ParameterizedTest(name = "kernel {0}, {1}, {2}")
    @MethodSource("table")
    void downgrade(Object kernelName, CompatLevel level, Case c, KernelSupport kernel) throws CompatibilityException {
        RulesetRequest request = withLevel(c.request(), level);
        Abi abi = Abi.min(kernel.abi(), request.target());
        long fs = LandlockBit.mask(request.ruleset().handledFs()) & AbiTable.fs(abi);
        long net = LandlockBit.mask(request.ruleset().handledNet()) & AbiTable.net(abi);
        long scopes = LandlockBit.mask(request.ruleset().scopes()) & AbiTable.scopes(abi);
        boolean somethingLeft = (fs | net | scopes) != 0;
        List<String> owed = c.owedOn(kernel, !somethingLeft);
        List<String> unrequested = c.unrequestedOn(kernel, !somethingLeft);
        Enforcement expected = !somethingLeft ? Enforcement.NOT_ENFORCED
                : owed.isEmpty() && unrequested.isEmpty() ? Enforcement.FULLY_ENFORCED : Enforcement.PARTIALLY_ENFORCED;
        boolean unmet = !somethingLeft || !owed.isEmpty();

        if (unmet && level == CompatLevel.HARD_REQUIREMENT) {
            CompatibilityException e = catchThrowableOfType(CompatibilityException.class,
                    () -> Downgrade.plan(request, kernel));
            assertThat(e).as("hard requirement must refuse").isNotNull();
            assertThat(features(e.lost())).isEqualTo(owed);
            assertThat(e.kernel()).isEqualTo(kernel);
            assertThat(e.abi()).isEqualTo(abi);
            return;
        }

        RulesetPlan plan = Downgrade.plan(request, kernel);
        assertThat(plan.abi()).isEqualTo(abi);
        assertThat(plan.target()).isEqualTo(request.target());
        assertThat(features(plan.lost())).isEqualTo(owed);
        assertThat(features(plan.unrequested())).isEqualTo(unrequested);
        if (unmet && level == CompatLevel.SOFT_REQUIREMENT) {
            assertThat(plan.enforcement()).isEqualTo(Enforcement.NOT_ENFORCED);
            assertThat(plan.applies()).isFalse();
            assertThat(plan.ruleset()).isEqualTo(Ruleset.NONE);
            assertThat(plan.cause()).isEqualTo(kernel.available() ? Cause.SOFT_REQUIREMENT_UNMET : Cause.NO_LANDLOCK);
            return;
        }

        assertThat(plan.enforcement()).isEqualTo(expected);
        assertThat(plan.applies()).isEqualTo(somethingLeft);
        assertThat(LandlockBit.mask(plan.ruleset().handledFs())).isEqualTo(fs);
        assertThat(LandlockBit.mask(plan.ruleset().handledNet())).isEqualTo(net);
        assertThat(LandlockBit.mask(plan.ruleset().scopes())).isEqualTo(scopes);
        assertThat(plan.ruleset().pathRules()).isEqualTo(request.ruleset().pathRules().stream()
                .map(r -> new PathRule(r.path(), r.directory(), maskOf(r.access(), fs), r.origin()))
                .filter(r -> !r.access().isEmpty()).toList());
        List<PortRule> ports = new ArrayList<>(request.ruleset().portRules().stream()
                .map(r -> new PortRule(netOf(r.access(), net), r.port(), r.origin()))
                .filter(r -> !r.access().isEmpty()).toList());
        if ((net & LandlockBit.mask(Set.of(AccessNet.BIND_UDP))) != 0
                && ports.stream().anyMatch(r -> r.access().contains(AccessNet.CONNECT_SEND_UDP))) {
            ports.addFirst(new PortRule(EnumSet.of(AccessNet.BIND_UDP), 0, "ephemeral bind for --port"));
        }
        assertThat(plan.ruleset().portRules()).isEqualTo(ports);
        assertThat(plan.ruleset().restrictsTcp()).isEqualTo((net & 0x3) != 0);
        boolean referLost = owed.contains("cross-directory rename/link (ABI 2)");
        assertThat(plan.cause()).isEqualTo(switch (expected) {
            case FULLY_ENFORCED -> Cause.NONE;
            case PARTIALLY_ENFORCED -> referLost ? Cause.REFER_ON_ABI_1 : Cause.NONE;
            case NOT_ENFORCED -> kernel.available() ? Cause.NOTHING_ENFORCEABLE : Cause.NO_LANDLOCK;
        });
    }

    @Test
    void referOnAbi1KeepsTheSandboxAndSaysRenamesFailWithExdev() throws CompatibilityException {
        RulesetRequest request = request(Abi.V10, AccessFs.upTo(Abi.V10), Set.of(), Set.of(), List.of(rw("/work")), List.of());

        RulesetPlan plan = Downgrade.plan(request, KernelSupport.enabled(1, 0));

        assertThat(plan.applies()).isTrue();
        assertThat(plan.enforcement()).isEqualTo(Enforcement.PARTIALLY_ENFORCED);
        assertThat(plan.ruleset().handledFs()).isEqualTo(AccessFs.upTo(Abi.V1));
        assertThat(plan.ruleset().pathRules()).singleElement().satisfies(r -> assertThat(r.access())
                .isEqualTo(EnumSet.complementOf(EnumSet.of(AccessFs.EXECUTE, AccessFs.RESOLVE_UNIX, AccessFs.REFER,
                        AccessFs.TRUNCATE, AccessFs.IOCTL_DEV))));
        assertThat(features(plan.lost())).containsExactly("cross-directory rename/link (ABI 2)", "truncate (ABI 3)",
                "device ioctl (ABI 5)");
        assertThat(features(plan.unrequested())).containsExactly("pathname UNIX socket connect (ABI 9)");
        assertThat(plan.cause()).isEqualTo(Cause.REFER_ON_ABI_1);
    }

    @Test
    void rightsAboveTheBaselineThatNothingAskedForAreUnrequestedInAbiOrder() throws CompatibilityException {
        RulesetPlan plan = Downgrade.plan(cases().getFirst().request(), KernelSupport.enabled(7, ALL_ERRATA));

        assertThat(plan.lost()).isEmpty();
        assertThat(plan.unrequested()).containsExactly(AccessFs.RESOLVE_UNIX, AccessNet.BIND_UDP, AccessNet.CONNECT_SEND_UDP);
        assertThat(plan.dropped()).isEmpty();
        assertThat(plan.enforcement()).isEqualTo(Enforcement.PARTIALLY_ENFORCED);
        assertThat(plan.cause()).isEqualTo(Cause.NONE);
    }

    @Test
    void theBaselineIsOwedOnEveryKernelBelowIt() throws CompatibilityException {
        RulesetPlan onAbi5 = Downgrade.plan(cases().getFirst().request(), KernelSupport.enabled(5, ALL_ERRATA));
        RulesetPlan onAbi6 = Downgrade.plan(cases().getFirst().request(), KernelSupport.enabled(6, ALL_ERRATA));

        assertThat(Abi.baseline()).isEqualTo(Abi.V6);
        assertThat(onAbi5.lost()).containsExactly(Scope.ABSTRACT_UNIX_SOCKET, Scope.SIGNAL);
        assertThat(onAbi6.lost()).isEmpty();
        assertThat(onAbi6.unrequested()).containsExactly(AccessFs.RESOLVE_UNIX, AccessNet.BIND_UDP, AccessNet.CONNECT_SEND_UDP);
    }

    @Test
    void aUdpConnectRuleBringsTheEphemeralBindTheFirstSendNeedsWhereBindIsHandled() throws CompatibilityException {
        PortRule dns = port(53, AccessNet.CONNECT_SEND_UDP);
        RulesetRequest request = request(Abi.V10, AccessFs.upTo(Abi.V10), AccessNet.upTo(Abi.V10), Scope.upTo(Abi.V10),
                List.of(rox("/usr")), List.of(dns));

        assertThat(Downgrade.plan(request, KernelSupport.enabled(10, ALL_ERRATA)).ruleset().portRules()).containsExactly(
                new PortRule(EnumSet.of(AccessNet.BIND_UDP), 0, "ephemeral bind for --port"), dns);
        RulesetPlan onAbi7 = Downgrade.plan(request, KernelSupport.enabled(7, ALL_ERRATA));
        assertThat(onAbi7.ruleset().portRules()).as("UDP not handled: nothing to add").isEmpty();
        assertThat(onAbi7.dropped()).extracting(DroppedRule::rule).containsExactly(dns);
        PortRule ownBind = port(0, AccessNet.BIND_UDP);
        assertThat(Downgrade.plan(request(Abi.V10, AccessFs.upTo(Abi.V10), AccessNet.upTo(Abi.V10), Scope.upTo(Abi.V10),
                List.of(rox("/usr")), List.of(ownBind, dns)), KernelSupport.enabled(10, ALL_ERRATA)).ruleset().portRules())
                .as("a bind rule for port 0 is there already").containsExactly(ownBind, dns);
    }

    @Test
    void aUdpRuleAboveThePinIsDroppedLoudlyAndRefusedWhenHard() throws CompatibilityException {
        PortRule dns = port(53, AccessNet.CONNECT_SEND_UDP);
        RulesetRequest pinned = request(Abi.V7, AccessFs.upTo(Abi.V7), AccessNet.upTo(Abi.V7), Scope.upTo(Abi.V7),
                List.of(rox("/usr")), List.of(dns));

        RulesetPlan plan = Downgrade.plan(pinned, KernelSupport.enabled(7, ALL_ERRATA));
        CompatibilityException hard = catchThrowableOfType(CompatibilityException.class,
                () -> Downgrade.plan(withLevel(pinned, CompatLevel.HARD_REQUIREMENT), KernelSupport.enabled(10, ALL_ERRATA)));

        assertThat(plan.ruleset().portRules()).isEmpty();
        assertThat(plan.dropped()).containsExactly(new DroppedRule(dns, List.of(AccessNet.CONNECT_SEND_UDP)));
        assertThat(plan.lost()).containsExactly(AccessNet.CONNECT_SEND_UDP);
        assertThat(plan.enforcement()).isEqualTo(Enforcement.PARTIALLY_ENFORCED);
        assertThat(hard.abi()).isEqualTo(Abi.V7);
        assertThat(hard.dropped()).containsExactly(new DroppedRule(dns, List.of(AccessNet.CONNECT_SEND_UDP)));
        // Control: the same rule within the pin is enforced in full.
        assertThat(Downgrade.plan(withLevel(request(Abi.V10, AccessFs.upTo(Abi.V10), AccessNet.upTo(Abi.V10),
                Scope.upTo(Abi.V10), List.of(rox("/usr")), List.of(dns)), CompatLevel.HARD_REQUIREMENT),
                KernelSupport.enabled(10, ALL_ERRATA)).dropped()).isEmpty();
    }

    @Test
    void aUnixSocketRuleKeepsItsReadRightsAndReportsTheSocketRight() throws CompatibilityException {
        PathRule socket = new PathRule(Path.of("/run/app.sock"), false,
                EnumSet.of(AccessFs.READ_FILE, AccessFs.RESOLVE_UNIX), "--unix");
        RulesetRequest request = new RulesetRequest(Abi.V10, Abi.V6, CompatLevel.BEST_EFFORT, new Ruleset(
                AccessFs.upTo(Abi.V10), Set.of(), Set.of(), Set.of(), List.of(socket), List.of()),
                Set.of(AccessFs.RESOLVE_UNIX));

        RulesetPlan plan = Downgrade.plan(request, KernelSupport.enabled(7, ALL_ERRATA));

        assertThat(plan.ruleset().pathRules()).singleElement()
                .satisfies(r -> assertThat(r.access()).containsExactly(AccessFs.READ_FILE));
        assertThat(plan.dropped()).containsExactly(new DroppedRule(socket, List.of(AccessFs.RESOLVE_UNIX)));
        assertThat(plan.lost()).containsExactly(AccessFs.RESOLVE_UNIX);
        assertThat(plan.unrequested()).isEmpty();
    }

    @Test
    void aPinBelowTheBaselineOwesOnlyWhatTheRulesAreFor() throws CompatibilityException {
        PathRule work = new PathRule(Path.of("/work"), true, RW_DIR, "--rw");
        PortRule http = port(80, AccessNet.CONNECT_TCP);
        RulesetRequest request = new RulesetRequest(Abi.V3, Abi.V3, CompatLevel.BEST_EFFORT, new Ruleset(
                AccessFs.upTo(Abi.V3), Set.of(), Set.of(), Set.of(), List.of(work), List.of(http)),
                Set.of(AccessFs.READ_FILE, AccessFs.WRITE_FILE, AccessNet.CONNECT_TCP));

        RulesetPlan plan = Downgrade.plan(request, KernelSupport.enabled(7, ALL_ERRATA));

        // --rw's device ioctl right is not what the grant is for: the pin says ioctl stays open.
        assertThat(plan.ruleset().pathRules()).singleElement()
                .satisfies(r -> assertThat(r.access()).doesNotContain(AccessFs.IOCTL_DEV).contains(AccessFs.TRUNCATE));
        assertThat(plan.dropped()).containsExactly(new DroppedRule(http, List.of(AccessNet.CONNECT_TCP)));
        assertThat(plan.lost()).containsExactly(AccessNet.CONNECT_TCP);
    }

    @Test
    void hardRequirementNamesEachMissingFeatureWithItsAbi() {
        RulesetRequest request = withLevel(cases().getFirst().request(), CompatLevel.HARD_REQUIREMENT);

        CompatibilityException e = catchThrowableOfType(CompatibilityException.class,
                () -> Downgrade.plan(request, KernelSupport.enabled(5, ALL_ERRATA)));

        assertThat(features(e.lost())).containsExactly("abstract UNIX socket scope (ABI 6)", "signal scope (ABI 6)");
        assertThat(e.abi()).isEqualTo(Abi.V5);
    }

    @Test
    void pinnedRequestIsFullyEnforcedOnANewerKernel() throws CompatibilityException {
        RulesetRequest request = withLevel(cases().stream().filter(c -> c.name().equals("pinned to ABI 3")).findFirst()
                .orElseThrow().request(), CompatLevel.HARD_REQUIREMENT);

        RulesetPlan plan = Downgrade.plan(request, KernelSupport.enabled(7, ALL_ERRATA));

        assertThat(plan.enforcement()).isEqualTo(Enforcement.FULLY_ENFORCED);
        assertThat(plan.target()).isEqualTo(Abi.V3);
        assertThat(plan.abi()).isEqualTo(Abi.V3);
        assertThat(plan.kernel().abi()).isEqualTo(Abi.V7);
        assertThat(LandlockBit.mask(plan.ruleset().handledFs())).isEqualTo(0x7FFF);
        assertThat(plan.ruleset().handledNet()).isEmpty();
        assertThat(plan.ruleset().scopes()).isEmpty();
    }

    @Test
    void kernelNewerThanRunlockIsTreatedAsTheNewestKnownAbi() throws CompatibilityException {
        RulesetPlan plan = Downgrade.plan(cases().getFirst().request(), KernelSupport.enabled(13, ALL_ERRATA));

        assertThat(plan.abi()).isEqualTo(Abi.V11);
        assertThat(plan.kernel().reportedVersion()).isEqualTo(13);
        assertThat(plan.enforcement()).isEqualTo(Enforcement.FULLY_ENFORCED);
    }

    @Test
    void abi11AddsNoRightSoItsRequestLosesNothingOnAbi10() throws CompatibilityException {
        RulesetRequest request = withLevel(cases().getFirst().request(), CompatLevel.HARD_REQUIREMENT);

        RulesetPlan onAbi10 = Downgrade.plan(request, KernelSupport.enabled(10, ALL_ERRATA));
        RulesetPlan onAbi11 = Downgrade.plan(request, KernelSupport.enabled(11, ALL_ERRATA));

        assertThat(request.target()).isEqualTo(Abi.V11);
        assertThat(onAbi10.abi()).isEqualTo(Abi.V10);
        assertThat(onAbi10.enforcement()).isEqualTo(Enforcement.FULLY_ENFORCED);
        assertThat(onAbi11.abi()).isEqualTo(Abi.V11);
        assertThat(onAbi11.ruleset()).isEqualTo(onAbi10.ruleset());
        assertThat(onAbi11.ruleset().flags()).isEmpty();
    }

    @Test
    void restrictFlagsAreDroppedOnOlderKernels() throws CompatibilityException {
        RulesetRequest request = new RulesetRequest(Abi.V10, CompatLevel.BEST_EFFORT, new Ruleset(Set.of(), Set.of(),
                Scope.upTo(Abi.V10), EnumSet.of(RestrictFlag.LOG_NEW_EXEC_ON, RestrictFlag.TSYNC), List.of(), List.of()));

        RulesetPlan onAbi6 = Downgrade.plan(request, KernelSupport.enabled(6, 0));
        RulesetPlan onAbi7 = Downgrade.plan(request, KernelSupport.enabled(7, 0));
        RulesetPlan onAbi8 = Downgrade.plan(request, KernelSupport.enabled(8, 0));

        assertThat(onAbi6.ruleset().flags()).isEmpty();
        assertThat(features(onAbi6.lost())).containsExactly("audit log flags (ABI 7)", "all-thread enforcement (ABI 8)");
        assertThat(onAbi7.ruleset().flags()).containsExactly(RestrictFlag.LOG_NEW_EXEC_ON);
        assertThat(features(onAbi7.lost())).containsExactly("all-thread enforcement (ABI 8)");
        assertThat(onAbi8.ruleset().flags()).containsExactlyInAnyOrder(RestrictFlag.LOG_NEW_EXEC_ON, RestrictFlag.TSYNC);
        assertThat(onAbi8.enforcement()).isEqualTo(Enforcement.FULLY_ENFORCED);
    }

    @Test
    void requestForNothingIsNotEnforcedWithoutWarningEvenWhenHard() throws CompatibilityException {
        RulesetRequest nothing = new RulesetRequest(Abi.V10, CompatLevel.HARD_REQUIREMENT, Ruleset.NONE);

        RulesetPlan plan = Downgrade.plan(nothing, KernelSupport.enabled(7, ALL_ERRATA));

        assertThat(plan.applies()).isFalse();
        assertThat(plan.enforcement()).isEqualTo(Enforcement.NOT_ENFORCED);
        assertThat(plan.lost()).isEmpty();
        assertThat(plan.cause()).isEqualTo(Cause.NONE);
    }

    @Test
    void anOptionalRuleTheKernelCannotEnforceIsListedNeitherOwedNorRefusedWhenHard() throws CompatibilityException {
        PortRule dns = new PortRule(EnumSet.of(AccessNet.CONNECT_SEND_UDP), 53, "preset dns");
        Ruleset ruleset = new Ruleset(AccessFs.upTo(Abi.V10), AccessNet.upTo(Abi.V10), Scope.upTo(Abi.V10), Set.of(),
                List.of(rox("/usr")), List.of(dns));
        RulesetRequest optional = new RulesetRequest(Abi.V10, Abi.baseline(), CompatLevel.HARD_REQUIREMENT, ruleset,
                Set.of(), Set.of(AccessNet.CONNECT_SEND_UDP));

        RulesetPlan plan = Downgrade.plan(optional, KernelSupport.enabled(7, ALL_ERRATA));

        assertThat(plan.dropped()).isEmpty();
        assertThat(plan.lost()).isEmpty();
        assertThat(plan.optional()).containsExactly(new DroppedRule(dns, List.of(AccessNet.CONNECT_SEND_UDP)));
        assertThat(plan.unrequested()).contains(AccessNet.CONNECT_SEND_UDP);
        assertThat(Downgrade.plan(optional, KernelSupport.enabled(10, ALL_ERRATA)).optional())
                .as("enforced where the kernel has UDP").isEmpty();
        // Control: the same rule asked for by the user is owed, so a hard requirement refuses.
        CompatibilityException hard = catchThrowableOfType(CompatibilityException.class, () -> Downgrade.plan(
                new RulesetRequest(Abi.V10, Abi.baseline(), CompatLevel.HARD_REQUIREMENT, ruleset,
                        Set.of(AccessNet.CONNECT_SEND_UDP), Set.of(AccessNet.CONNECT_SEND_UDP)),
                KernelSupport.enabled(7, ALL_ERRATA)));
        assertThat(hard.dropped()).containsExactly(new DroppedRule(dns, List.of(AccessNet.CONNECT_SEND_UDP)));
    }

    private static RulesetRequest request(Abi target, Set<AccessFs> fs, Set<AccessNet> net, Set<Scope> scopes,
                                          List<PathRule> paths, List<PortRule> ports) {
        return new RulesetRequest(target, CompatLevel.BEST_EFFORT, new Ruleset(fs, net, scopes, Set.of(), paths, ports));
    }

    private static RulesetRequest withLevel(RulesetRequest r, CompatLevel level) {
        return new RulesetRequest(r.target(), level, r.ruleset());
    }

    /** An independent spelling of the lost features, each once: {@code truncate (ABI 3)}. */
    private static List<String> features(List<LandlockBit> lost) {
        return lost.stream().map(b -> b.feature() + " (ABI " + b.since().number() + ")").distinct().toList();
    }

    private static PathRule rox(String path) {
        return new PathRule(Path.of(path), true, RO_DIR, "--rox");
    }

    private static PathRule rw(String path) {
        return new PathRule(Path.of(path), true, RW_DIR, "--rw");
    }

    private static PortRule port(int port, AccessNet... access) {
        return new PortRule(EnumSet.of(access[0], access), port, "--port");
    }

    private static Set<AccessFs> maskOf(Set<AccessFs> rights, long mask) {
        EnumSet<AccessFs> kept = EnumSet.noneOf(AccessFs.class);
        rights.stream().filter(r -> (r.bit() & mask) != 0).forEach(kept::add);
        return kept;
    }

    private static Set<AccessNet> netOf(Set<AccessNet> rights, long mask) {
        EnumSet<AccessNet> kept = EnumSet.noneOf(AccessNet.class);
        rights.stream().filter(r -> (r.bit() & mask) != 0).forEach(kept::add);
        return kept;
    }
}
