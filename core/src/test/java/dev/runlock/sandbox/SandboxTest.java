package dev.runlock.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runlock.landlock.AccessFs;
import dev.runlock.landlock.AccessNet;
import dev.runlock.landlock.Abi;
import dev.runlock.landlock.AbiTable;
import dev.runlock.landlock.CompatLevel;
import dev.runlock.landlock.CompatibilityException;
import dev.runlock.landlock.Downgrade;
import dev.runlock.landlock.Errno;
import dev.runlock.landlock.KernelSupport;
import dev.runlock.landlock.KernelSupport.Availability;
import dev.runlock.landlock.PathRule;
import dev.runlock.landlock.PortRule;
import dev.runlock.landlock.RestrictFlag;
import dev.runlock.landlock.RulesetPlan;
import dev.runlock.landlock.Mptcp;
import dev.runlock.landlock.Ruleset;
import dev.runlock.landlock.RulesetRequest;
import dev.runlock.landlock.Scope;
import dev.runlock.landlock.UnixSockets;
import dev.runlock.landlock.kernel.KernelException;
import dev.runlock.testkit.FakeKernel;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Sandbox#enforce} against a recording kernel: which calls, in which order, what is closed. */
class SandboxTest {
    private static final PathRule ROX_USR = new PathRule(Path.of("/usr"), true,
            Intent.ROX.rights(true), "--rox");
    private static final PathRule RO_HOSTS = new PathRule(Path.of("/etc/hosts"), false,
            Intent.RO.rights(false), "--ro");
    private static final PortRule BIND_8080 = new PortRule(EnumSet.of(AccessNet.BIND_TCP), 8080, "--bind-tcp");

    @Test
    void buildsTheRulesetThenSetsNoNewPrivsGuardsAndRestrictsInOrder() throws Exception {
        FakeKernel kernel = new FakeKernel(KernelSupport.enabled(7, 0x7));

        new Sandbox(kernel).enforce(plan(kernel, everything(Abi.V10, EnumSet.of(RestrictFlag.LOG_NEW_EXEC_ON))));

        assertThat(kernel.calls()).containsExactly(
                "createRuleset fs=0xffff net=0x3 scoped=0x3 for ABI 7",
                "openPath /usr", "addPathRule 10 0xd fd 11", "close 11",
                "openPath /etc/hosts", "addPathRule 10 0x4 fd 12", "close 12",
                "addPortRule 10 0x1 port 8080",
                "setNoNewPrivs",
                "installSeccompFilter tcp=true unix=true",
                "restrictSelf 10 flags 0x2",
                "close 10");
        assertThat(kernel.openDescriptors()).isEmpty();
    }

    @ParameterizedTest(name = "errata 0x{0}, net {1}, ABI {2}: guard {3}")
    @CsvSource({
            "7, BIND_TCP CONNECT_TCP, 7, true",
            "1, CONNECT_TCP, 4, true",
            "6, BIND_TCP CONNECT_TCP, 7, true", // unfixed kernels count MPTCP as TCP, but the guard costs nothing
            "7, '', 7, false",
            "7, BIND_UDP CONNECT_SEND_UDP, 10, false",
            "7, BIND_TCP CONNECT_TCP, 3, false"}) // TCP dropped: nothing to guard
    void socketGuardWheneverTcpIsRestricted(String errata, String net, int abi, boolean guard)
            throws Exception {
        EnumSet<AccessNet> handledNet = EnumSet.noneOf(AccessNet.class);
        for (String right : net.split(" ")) {
            if (!right.isEmpty()) {
                handledNet.add(AccessNet.valueOf(right));
            }
        }
        FakeKernel kernel = new FakeKernel(KernelSupport.enabled(abi, Long.parseLong(errata, 16)));
        RulesetRequest request = new RulesetRequest(Abi.V10, CompatLevel.BEST_EFFORT,
                new Ruleset(AccessFs.upTo(Abi.V10), handledNet, Set.of(), Set.of(), List.of(), List.of()));

        RulesetPlan plan = plan(kernel, request);
        new Sandbox(kernel).enforce(plan);

        assertThat(Mptcp.of(plan) != Mptcp.NOT_RESTRICTED).isEqualTo(guard);
        assertThat(kernel.calls()).anyMatch(c -> c.startsWith("installSeccompFilter tcp=" + guard + " "));
        assertThat(kernel.calls().getLast()).isEqualTo("close 10");
    }

    @ParameterizedTest(name = "kernel ABI {0}, pin {1}, filesystem {2}, --unix {3}: guard {4}")
    @CsvSource({
            "7, V11, true, false, true", // ABI 6-8 kernels: every pathname socket reachable without the guard
            "6, V11, true, false, true",
            "9, V11, true, false, false", // RESOLVE_UNIX: Landlock checks connect
            "11, V11, true, false, false",
            "11, V8, true, false, true", // a pin below ABI 9 leaves them to the guard
            "7, V11, true, true, false", // a granted socket: the guard would refuse it, so it is off (and warned)
            "11, V11, true, true, false",
            "7, V11, false, false, false"}) // the filesystem unrestricted: nothing to guard
    void unixSocketGuardWhileThePathnameSocketsAreOutOfTheRulesetsReach(int abi, Abi pin, boolean fs, boolean unix,
                                                                         boolean guard) throws Exception {
        FakeKernel kernel = new FakeKernel(KernelSupport.enabled(abi, 0x7));
        List<PathRule> rules = unix ? List.of(RO_HOSTS, new PathRule(Path.of("/run/user/1000/bus"), false,
                Intent.UNIX.rights(false), "--unix")) : List.of(RO_HOSTS);
        RulesetRequest request = new RulesetRequest(pin, pin, CompatLevel.BEST_EFFORT, new Ruleset(
                fs ? AccessFs.upTo(pin) : Set.of(), AccessNet.upTo(pin), Set.of(), Set.of(), fs ? rules : List.of(),
                List.of()), unix ? Set.of(AccessFs.RESOLVE_UNIX) : Set.of());

        RulesetPlan plan = plan(kernel, request);
        new Sandbox(kernel).enforce(plan);

        assertThat(kernel.calls()).contains("installSeccompFilter tcp=true unix=" + guard);
        assertThat(Sandbox.guards(plan).unixSockets()).isEqualTo(guard);
        assertThat(UnixSockets.of(plan)).isEqualTo(!fs ? UnixSockets.NOT_RESTRICTED
                : guard ? UnixSockets.BLOCKED_BY_SECCOMP
                : unix && !Abi.min(Abi.of(abi), pin).atLeast(Abi.V9) ? UnixSockets.OPEN_FOR_GRANT
                : UnixSockets.COVERED_BY_LANDLOCK);
    }

    @ParameterizedTest(name = "{0} fails")
    @ValueSource(strings = {"setNoNewPrivs", "installSeccompFilter", "createRuleset", "openPath", "addPathRule",
            "addPortRule", "restrictSelf"})
    void failureStopsBeforeRestrictingAndClosesEveryDescriptor(String failing) throws Exception {
        FakeKernel kernel = new FakeKernel(KernelSupport.enabled(7, 0x7)).failing(failing, Errno.EINVAL);
        RulesetPlan plan = plan(kernel, everything(Abi.V10, Set.of()));

        KernelException e = catchThrowableOfType(KernelException.class, () -> new Sandbox(kernel).enforce(plan));

        assertThat(e).isNotNull();
        assertThat(e.errno()).isEqualTo(Errno.EINVAL);
        assertThat(kernel.openDescriptors()).isEmpty();
        assertThat(kernel.calls()).filteredOn(c -> c.startsWith("restrictSelf")).hasSize(failing.equals("restrictSelf") ? 1 : 0);
        assertThat(kernel.calls().getLast()).isEqualTo(failing.equals("createRuleset")
                ? "createRuleset fs=0xffff net=0x3 scoped=0x3 for ABI 7" : "close 10");
    }

    @Test
    void missingRulePathErrorNamesThePath() throws Exception {
        FakeKernel kernel = new FakeKernel(KernelSupport.enabled(7, 0x7)).failing("openPath", Errno.ENOENT);

        KernelException e = catchThrowableOfType(KernelException.class,
                () -> new Sandbox(kernel).enforce(plan(kernel, everything(Abi.V10, Set.of()))));

        assertThat(e.getMessage()).isEqualTo("open /usr failed: ENOENT (no such file or directory)");
    }

    @ParameterizedTest(name = "kernel ABI {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void rulesetAttrIsBuiltForTheKernelsAbiWithOnlyItsKnownBits(int abi) throws Exception {
        FakeKernel kernel = new FakeKernel(KernelSupport.enabled(abi, 0));

        new Sandbox(kernel).enforce(plan(kernel, everything(Abi.V10, Set.of())));

        Abi kernelAbi = Abi.of(abi);
        assertThat(kernel.calls()).contains("createRuleset fs=0x%x net=0x%x scoped=0x%x for ABI %d".formatted(
                AbiTable.fs(kernelAbi), AbiTable.net(kernelAbi), AbiTable.scopes(kernelAbi), abi));
        assertThat(kernel.calls()).filteredOn(c -> c.startsWith("addPortRule")).hasSize(abi >= 4 ? 1 : 0);
    }

    @Test
    void pinnedPlanHandlesOnlyTheTargetsRightsButSizesTheAttrForTheKernel() throws Exception {
        FakeKernel kernel = new FakeKernel(KernelSupport.enabled(7, 0x7));

        new Sandbox(kernel).enforce(plan(kernel, everything(Abi.V3, Set.of())));

        assertThat(kernel.calls()).contains("createRuleset fs=0x7fff net=0x0 scoped=0x0 for ABI 7")
                .contains("installSeccompFilter tcp=false unix=true")
                .noneMatch(c -> c.startsWith("addPortRule"));
    }

    @Test
    void planThatDoesNotApplyStillSetsNoNewPrivsAndTheTerminalGuardButCreatesNothing() throws Exception {
        FakeKernel soft = new FakeKernel(KernelSupport.enabled(5, 0x7));
        FakeKernel soft11 = new FakeKernel(KernelSupport.enabled(11, 0xF));
        FakeKernel absent = new FakeKernel(KernelSupport.unavailable(Availability.ABSENT, Errno.ENOSYS));
        RulesetRequest softRequest = withCompat(everything(Abi.V10, Set.of()), CompatLevel.SOFT_REQUIREMENT);

        new Sandbox(soft).enforce(plan(soft, softRequest));
        new Sandbox(absent).enforce(plan(absent, everything(Abi.V10, Set.of())));
        new Sandbox(soft11).enforce(Downgrade.plan(new RulesetRequest(Abi.V11, CompatLevel.BEST_EFFORT,
                Ruleset.NONE), soft11.probe()));

        assertThat(soft.calls()).containsExactly("setNoNewPrivs", "installSeccompFilter tcp=false unix=false");
        assertThat(absent.calls()).containsExactly("setNoNewPrivs", "installSeccompFilter tcp=false unix=false");
        // the terminal guard needs no_new_privs even when there is no ruleset to set it
        assertThat(soft11.calls()).containsExactly("setNoNewPrivs", "installSeccompFilter tcp=false unix=false");
    }

    @Test
    void abi11KernelSetsNoNewPrivsOnlyThroughRestrictSelfThenInstallsTheFilter() throws Exception {
        FakeKernel kernel = new FakeKernel(KernelSupport.enabled(11, 0xF));

        new Sandbox(kernel).enforce(plan(kernel, everything(Abi.V11, EnumSet.of(RestrictFlag.LOG_NEW_EXEC_ON))));

        assertThat(kernel.calls()).containsExactly(
                "createRuleset fs=0x1ffff net=0xf scoped=0x3 for ABI 11",
                "openPath /usr", "addPathRule 10 0xd fd 11", "close 11",
                "openPath /etc/hosts", "addPathRule 10 0x4 fd 12", "close 12",
                "addPortRule 10 0x1 port 8080",
                "restrictSelf 10 flags 0x12",
                "installSeccompFilter tcp=true unix=false",
                "close 10");
    }

    @ParameterizedTest(name = "kernel ABI {0}, pinned to {1}: prctl {2}")
    @CsvSource({"12, V11, false", "11, V11, false", "11, V10, true", "10, V11, true", "8, V11, true"})
    void prctlOnlyWhereTheRulesetIsBuiltBelowAbi11(int kernelAbi, Abi target, boolean prctl) throws Exception {
        FakeKernel kernel = new FakeKernel(KernelSupport.enabled(kernelAbi, 0x7));

        new Sandbox(kernel).enforce(plan(kernel, everything(target, Set.of())));

        assertThat(kernel.calls().contains("setNoNewPrivs")).isEqualTo(prctl);
        assertThat(kernel.calls()).filteredOn(c -> c.startsWith("restrictSelf"))
                .containsExactly("restrictSelf 10 flags 0x" + (prctl ? "0" : "10"));
    }

    @Test
    void failedRestrictionOnAbi11LeavesNoNewPrivsUnsetAndNoFilter() throws Exception {
        FakeKernel kernel = new FakeKernel(KernelSupport.enabled(11, 0xF)).failing("restrictSelf", Errno.E2BIG);

        KernelException e = catchThrowableOfType(KernelException.class,
                () -> new Sandbox(kernel).enforce(plan(kernel, everything(Abi.V11, Set.of()))));

        assertThat(e.errno()).isEqualTo(Errno.E2BIG);
        assertThat(kernel.calls()).doesNotContain("setNoNewPrivs").noneMatch(c -> c.startsWith("installSeccompFilter"));
        assertThat(kernel.openDescriptors()).isEmpty();
    }

    /** Everything {@code target} knows is handled; /usr, /etc/hosts and TCP port 8080 are granted. */
    private static RulesetRequest everything(Abi target, Set<RestrictFlag> flags) {
        return new RulesetRequest(target, CompatLevel.BEST_EFFORT, new Ruleset(AccessFs.upTo(target),
                AccessNet.upTo(target), Scope.upTo(target), flags, List.of(ROX_USR.within(AccessFs.upTo(target)), RO_HOSTS),
                List.of(BIND_8080)));
    }

    private static RulesetRequest withCompat(RulesetRequest r, CompatLevel compat) {
        return new RulesetRequest(r.target(), compat, r.ruleset());
    }

    private static RulesetPlan plan(FakeKernel kernel, RulesetRequest request) throws CompatibilityException {
        return Downgrade.plan(request, kernel.probe());
    }
}
