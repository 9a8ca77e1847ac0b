package dev.runlock.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runlock.landlock.Abi;
import dev.runlock.landlock.AccessFs;
import dev.runlock.landlock.AccessNet;
import dev.runlock.landlock.CompatLevel;
import dev.runlock.landlock.CompatibilityException;
import dev.runlock.landlock.Downgrade;
import dev.runlock.landlock.Enforcement;
import dev.runlock.landlock.Errno;
import dev.runlock.landlock.KernelSupport;
import dev.runlock.landlock.KernelSupport.Availability;
import dev.runlock.landlock.PathRule;
import dev.runlock.landlock.PortRule;
import dev.runlock.landlock.Ruleset;
import dev.runlock.landlock.RulesetPlan;
import dev.runlock.landlock.RulesetRequest;
import dev.runlock.landlock.Scope;
import dev.runlock.sandbox.Intent;
import dev.runlock.sandbox.PathGrant;
import dev.runlock.sandbox.PolicyException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The words a user reads for each fact core reports: warnings, notes and refusals. */
class WordingTest {
    private static final KernelSupport ABI_7 = KernelSupport.enabled(7, 0x7);
    private static final KernelSupport ABSENT = KernelSupport.unavailable(Availability.ABSENT, Errno.ENOSYS);

    @Test
    void partialWarningIsOneLineNamingEachLostFeatureOnceAndTheDroppedRule() throws CompatibilityException {
        RulesetPlan plan = Downgrade.plan(everything(CompatLevel.BEST_EFFORT), ABI_7);

        assertThat(Wording.warning(plan)).contains("sandbox partially enforced on Landlock ABI 7: not restricted: "
                + "UDP (ABI 10); dropped: --bind-udp 53 needs UDP (ABI 10)");
        assertThat(Wording.notice(plan)).isEmpty();
        assertThat(Wording.unrequested(plan))
                .isEqualTo("pathname UNIX socket connect (ABI 9) (above the ABI 6 baseline, asked for by nothing)");
    }

    @Test
    void rightsAboveTheBaselineThatNothingAskedForEarnNoWarning() throws CompatibilityException {
        RulesetPlan plan = Downgrade.plan(new RulesetRequest(Abi.V10, CompatLevel.BEST_EFFORT, new Ruleset(
                AccessFs.upTo(Abi.V10), AccessNet.upTo(Abi.V10), Scope.upTo(Abi.V10), Set.of(), List.of(), List.of())),
                ABI_7);

        assertThat(Wording.warning(plan)).isEmpty();
        assertThat(Wording.unrequested(plan)).isEqualTo("pathname UNIX socket connect (ABI 9), UDP (ABI 10) "
                + "(above the ABI 6 baseline, asked for by nothing)");
        assertThat(plan.enforcement()).isEqualTo(Enforcement.PARTIALLY_ENFORCED);
        assertThat(Wording.enforcement(plan)).isEqualTo("enforced (ABI 6 baseline met)");
    }

    @Test
    void theHeadlineIsPartialOnlyWhenSomethingOwedIsMissing() throws CompatibilityException {
        assertThat(Wording.enforcement(Downgrade.plan(everything(CompatLevel.BEST_EFFORT), ABI_7)))
                .isEqualTo("partially enforced");
        assertThat(Wording.enforcement(Downgrade.plan(everything(CompatLevel.BEST_EFFORT), KernelSupport.enabled(11, 0))))
                .isEqualTo("fully enforced");
    }

    @Test
    void aPinnedAbiIsNamedAndARangeOfDroppedPortsIsCounted() throws CompatibilityException {
        List<PortRule> ports = IntStream.rangeClosed(5350, 5355)
                .mapToObj(p -> new PortRule(EnumSet.of(AccessNet.CONNECT_SEND_UDP), p, "--connect-udp")).toList();
        RulesetPlan plan = Downgrade.plan(new RulesetRequest(Abi.V6, CompatLevel.BEST_EFFORT, new Ruleset(
                AccessFs.upTo(Abi.V6), AccessNet.upTo(Abi.V6), Scope.upTo(Abi.V6), Set.of(), List.of(), ports)), ABI_7);

        assertThat(Wording.warning(plan)).contains("sandbox partially enforced on Landlock ABI 6 (pinned by --abi): "
                + "not restricted: UDP (ABI 10); dropped: --connect-udp 5350 needs UDP (ABI 10), --connect-udp 5351 "
                + "needs UDP (ABI 10), --connect-udp 5352 needs UDP (ABI 10) and 3 more rules");
    }

    @Test
    void referOnAbi1AddsTheExdevNote() throws CompatibilityException {
        RulesetRequest request = new RulesetRequest(Abi.V10, CompatLevel.BEST_EFFORT, new Ruleset(AccessFs.upTo(Abi.V10),
                Set.of(), Set.of(), Set.of(), List.of(new PathRule(Path.of("/work"), true, Intent.RW.rights(true), "--rw")),
                List.of()));

        RulesetPlan plan = Downgrade.plan(request, KernelSupport.enabled(1, 0));

        assertThat(Wording.warning(plan)).contains("sandbox partially enforced on Landlock ABI 1: not restricted: "
                + "cross-directory rename/link (ABI 2), truncate (ABI 3), device ioctl (ABI 5); "
                + "cross-directory rename/link fails with EXDEV on ABI 1");
    }

    @Test
    void softRequirementSaysItRunsUnsandboxed() throws CompatibilityException {
        RulesetPlan plan = Downgrade.plan(everything(CompatLevel.SOFT_REQUIREMENT), ABI_7);

        assertThat(Wording.warning(plan)).contains("sandbox NOT enforced: Landlock ABI 7 lacks "
                + "UDP (ABI 10); dropped: --bind-udp 53 needs UDP (ABI 10) (--compat soft runs unsandboxed then)");
    }

    @Test
    void withoutLandlockTheWarningIsTheKernelsReason() throws CompatibilityException {
        for (CompatLevel level : List.of(CompatLevel.BEST_EFFORT, CompatLevel.SOFT_REQUIREMENT)) {
            RulesetPlan plan = Downgrade.plan(everything(level), ABSENT);

            assertThat(Wording.warning(plan)).contains("sandbox NOT enforced: " + Wording.reason(ABSENT));
        }
    }

    @Test
    void aKernelThatCanEnforceNothingRequestedSaysSo() throws CompatibilityException {
        RulesetRequest udpOnly = new RulesetRequest(Abi.V10, CompatLevel.BEST_EFFORT, new Ruleset(Set.of(),
                EnumSet.of(AccessNet.BIND_UDP), Set.of(), Set.of(), List.of(), List.of(new PortRule(
                        EnumSet.of(AccessNet.BIND_UDP), 53, "--bind-udp"))));

        RulesetPlan plan = Downgrade.plan(udpOnly, ABI_7);

        assertThat(Wording.warning(plan)).contains("sandbox NOT enforced: Landlock ABI 7 cannot restrict any of: UDP (ABI 10)");
    }

    @Test
    void fullyEnforcedOrNothingRequestedHasNoWarning() throws CompatibilityException {
        assertThat(Wording.warning(Downgrade.plan(everything(CompatLevel.HARD_REQUIREMENT), KernelSupport.enabled(10, 0x7))))
                .isEmpty();
        assertThat(Wording.warning(Downgrade.plan(new RulesetRequest(Abi.V10, CompatLevel.HARD_REQUIREMENT, Ruleset.NONE),
                ABSENT))).isEmpty();
    }

    @Test
    void hardRequirementNamesEachMissingFeatureAndTheWayOut() {
        CompatibilityException onAbi5 = catchThrowableOfType(CompatibilityException.class,
                () -> Downgrade.plan(everything(CompatLevel.HARD_REQUIREMENT), KernelSupport.enabled(5, 0x7)));
        CompatibilityException absent = catchThrowableOfType(CompatibilityException.class,
                () -> Downgrade.plan(everything(CompatLevel.HARD_REQUIREMENT), ABSENT));

        assertThat(Wording.refused(onAbi5)).isEqualTo("Landlock ABI 5 lacks abstract UNIX socket scope (ABI 6), "
                + "signal scope (ABI 6), UDP (ABI 10); dropped: --bind-udp 53 needs UDP (ABI 10) (required by --compat "
                + "hard; remove the grant, or use --compat best, to accept)");
        CompatibilityException scopesOnly = catchThrowableOfType(CompatibilityException.class,
                () -> Downgrade.plan(new RulesetRequest(Abi.V10, CompatLevel.HARD_REQUIREMENT, new Ruleset(Set.of(),
                        Set.of(), Scope.upTo(Abi.V10), Set.of(), List.of(), List.of())), KernelSupport.enabled(5, 0x7)));
        assertThat(Wording.refused(scopesOnly)).isEqualTo("Landlock ABI 5 lacks abstract UNIX socket scope (ABI 6), "
                + "signal scope (ABI 6) (required by --compat hard; pin an older ABI with --abi, or use --compat best, "
                + "to accept)");
        assertThat(Wording.refused(absent)).isEqualTo(Wording.reason(ABSENT) + " (required by --compat hard)");
    }

    @Test
    void eachUnavailabilityNamesItsCauseAndFix() throws CompatibilityException {
        assertThat(Wording.reason(ABSENT)).contains("ENOSYS", "5.13", "CONFIG_SECURITY_LANDLOCK");
        assertThat(Wording.reason(KernelSupport.unavailable(Availability.DISABLED, Errno.EOPNOTSUPP)))
                .contains("EOPNOTSUPP", "lsm=");
        assertThat(Wording.reason(KernelSupport.unavailable(Availability.BLOCKED, Errno.EPERM)))
                .contains("seccomp", "EPERM", "landlock_create_ruleset");
        assertThat(Wording.reason(KernelSupport.unavailable(Availability.BLOCKED, Errno.ENOSYS))).contains("ENOSYS");
        assertThat(Wording.reason(KernelSupport.enabled(12, 0))).isEqualTo("Landlock " + Abi.newest() + " is enabled");
        assertThat(Wording.enforcement(Downgrade.plan(everything(CompatLevel.BEST_EFFORT), ABSENT))).isEqualTo("NOT enforced");
    }

    @Test
    void missingPathNamesWhereItCameFromAndTheSwitchThatSkipsIt() {
        PolicyException e = new PolicyException(new PathGrant(Path.of("/nope"), Intent.RO, "--ro"));

        assertThat(Wording.missing(e)).isEqualTo("path does not exist: /nope (--ro; --ignore-missing skips such paths)");
    }

    /** Everything ABI 10 knows, with a read-only rule and a UDP port rule. */
    private static RulesetRequest everything(CompatLevel level) {
        return new RulesetRequest(Abi.V10, level, new Ruleset(AccessFs.upTo(Abi.V10), AccessNet.upTo(Abi.V10),
                Scope.upTo(Abi.V10), Set.of(), List.of(new PathRule(Path.of("/usr"), true, Intent.ROX.rights(true), "--rox")),
                List.of(new PortRule(EnumSet.of(AccessNet.BIND_UDP), 53, "--bind-udp"))));
    }
}
