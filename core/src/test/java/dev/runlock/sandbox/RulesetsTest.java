package dev.runlock.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runlock.landlock.AccessFs;
import dev.runlock.landlock.AccessNet;
import dev.runlock.landlock.Abi;
import dev.runlock.landlock.CompatLevel;
import dev.runlock.landlock.PathRule;
import dev.runlock.landlock.PortRule;
import dev.runlock.landlock.RestrictFlag;
import dev.runlock.landlock.RulesetRequest;
import dev.runlock.landlock.Scope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesetsTest {
    @TempDir
    Path tmp;

    @Test
    void missingPathIsAnErrorNamingThePathAndWhereItCameFrom() {
        Path missing = tmp.resolve("nope");
        Policy policy = policy(List.of(new PathGrant(missing, Intent.RO, "--ro")), List.of(), Abi.V10, false);

        assertThatThrownBy(() -> Rulesets.request(policy))
                .isInstanceOfSatisfying(PolicyException.class, e -> assertThat(e.missing()).isEqualTo(policy.paths().getFirst()))
                .hasMessage("path does not exist: " + missing + " (--ro)");
    }

    @Test
    void ignoreMissingSkipsOnlyTheMissingPaths() throws Exception {
        Policy policy = policy(List.of(new PathGrant(tmp.resolve("nope"), Intent.RW, "sandbox.toml"),
                new PathGrant(tmp, Intent.RO, "--ro")), List.of(), Abi.V10, true);

        assertThat(Rulesets.request(policy).ruleset().pathRules()).extracting(PathRule::path).containsExactly(tmp);
    }

    @Test
    void directoriesGetDirectoryRightsAndFilesOnlyFileRights() throws Exception {
        Path file = Files.writeString(tmp.resolve("f"), "x");
        Policy policy = policy(List.of(new PathGrant(tmp, Intent.RW, "--rw"), new PathGrant(file, Intent.RW, "--rw")),
                List.of(), Abi.V10, false);

        List<PathRule> rules = Rulesets.request(policy).ruleset().pathRules();

        assertThat(rules).extracting(PathRule::directory).containsExactly(true, false);
        assertThat(rules.get(0).access()).isEqualTo(Intent.RW.rights(true)).contains(AccessFs.REFER);
        assertThat(rules.get(1).access()).isEqualTo(EnumSet.of(AccessFs.READ_FILE, AccessFs.WRITE_FILE,
                AccessFs.TRUNCATE, AccessFs.IOCTL_DEV));
        assertThat(rules).extracting(PathRule::origin).containsExactly("--rw", "--rw");
    }

    @Test
    void portRangesAreExpandedAndRightsMergedPerPortAndOrigin() throws Exception {
        Policy policy = policy(List.of(), List.of(
                new PortGrant(AccessNet.BIND_TCP, new PortRange(8000, 8002), "--bind-tcp"),
                new PortGrant(AccessNet.CONNECT_TCP, new PortRange(8001, 8001), "--bind-tcp"),
                new PortGrant(AccessNet.CONNECT_TCP, new PortRange(53, 53), "preset dns"),
                new PortGrant(AccessNet.CONNECT_SEND_UDP, new PortRange(53, 53), "--connect-udp")), Abi.V10, false);

        assertThat(Rulesets.request(policy).ruleset().portRules()).containsExactly(
                new PortRule(EnumSet.of(AccessNet.CONNECT_TCP), 53, "preset dns"),
                new PortRule(EnumSet.of(AccessNet.CONNECT_SEND_UDP), 53, "--connect-udp"),
                new PortRule(EnumSet.of(AccessNet.BIND_TCP), 8000, "--bind-tcp"),
                new PortRule(EnumSet.of(AccessNet.BIND_TCP, AccessNet.CONNECT_TCP), 8001, "--bind-tcp"),
                new PortRule(EnumSet.of(AccessNet.BIND_TCP), 8002, "--bind-tcp"));
    }

    @Test
    void restrictedByDefaultWithEverythingTheTargetKnows() throws Exception {
        RulesetRequest request = Rulesets.request(policy(List.of(), List.of(), Abi.V10, false));

        assertThat(request.ruleset().handledFs()).isEqualTo(EnumSet.allOf(AccessFs.class));
        assertThat(request.ruleset().handledNet()).isEqualTo(EnumSet.allOf(AccessNet.class));
        assertThat(request.ruleset().scopes()).isEqualTo(EnumSet.allOf(Scope.class));
        assertThat(request.ruleset().flags()).containsExactly(RestrictFlag.LOG_NEW_EXEC_ON);
        assertThat(request.target()).isEqualTo(Abi.V10);
        assertThat(request.compat()).isEqualTo(CompatLevel.HARD_REQUIREMENT);
    }

    @Test
    void unrestrictedCategoriesAreNotHandledAndGrantNothing() throws Exception {
        Policy policy = Policy.builder().path(new PathGrant(tmp, Intent.RO, "--ro"))
                .port(new PortGrant(AccessNet.CONNECT_TCP, new PortRange(443, 443), "--connect-tcp"))
                .unrestrict(Policy.Area.FILESYSTEM).unrestrict(Policy.Area.NETWORK).unrestrict(Policy.Area.SCOPES).build();

        RulesetRequest request = Rulesets.request(policy);

        assertThat(request.ruleset().handledFs()).isEmpty();
        assertThat(request.ruleset().handledNet()).isEmpty();
        assertThat(request.ruleset().scopes()).isEmpty();
        assertThat(request.ruleset().pathRules()).isEmpty();
        assertThat(request.ruleset().portRules()).isEmpty();
        assertThat(request.ruleset().restrictsAnything()).isFalse();
    }

    @Test
    void unrestrictedFilesystemDoesNotLookAtPaths() throws Exception {
        Policy policy = Policy.builder().path(new PathGrant(tmp.resolve("nope"), Intent.RO, "--ro"))
                .unrestrict(Policy.Area.FILESYSTEM).build();

        assertThat(Rulesets.request(policy).ruleset().handledNet()).isEqualTo(EnumSet.allOf(AccessNet.class));
    }

    @Test
    void pinnedTargetHandlesNoNewerRightButKeepsWhatTheGrantsAskFor() throws Exception {
        Policy policy = policy(List.of(new PathGrant(tmp, Intent.RWX, "--rwx"), new PathGrant(tmp, Intent.UNIX, "--unix")),
                List.of(new PortGrant(AccessNet.BIND_TCP, new PortRange(80, 80), "--bind-tcp")), Abi.V3, false);

        RulesetRequest request = Rulesets.request(policy);

        assertThat(request.target()).isEqualTo(Abi.V3);
        assertThat(request.promised()).isEqualTo(Abi.V3);
        assertThat(request.ruleset().handledFs()).isEqualTo(AccessFs.upTo(Abi.V3));
        assertThat(request.ruleset().handledNet()).isEmpty();
        assertThat(request.ruleset().scopes()).isEmpty();
        // Downgrade drops these at the pin and reports the ones asked for.
        assertThat(request.ruleset().portRules()).containsExactly(new PortRule(EnumSet.of(AccessNet.BIND_TCP), 80, "--bind-tcp"));
        assertThat(request.ruleset().pathRules()).extracting(PathRule::access)
                .containsExactly(Intent.RWX.rights(true), Intent.UNIX.rights(true));
        assertThat(request.asked()).contains(AccessFs.RESOLVE_UNIX, AccessNet.BIND_TCP, RestrictFlag.LOG_NEW_EXEC_ON)
                .doesNotContain(AccessFs.IOCTL_DEV, AccessFs.TRUNCATE, AccessFs.REFER);
    }

    @Test
    void withoutAPinTheBaselineIsOwed() throws Exception {
        Policy unpinned = Policy.builder().build();

        RulesetRequest request = Rulesets.request(unpinned);

        assertThat(request.target()).isEqualTo(Abi.newest());
        assertThat(request.promised()).isEqualTo(Abi.baseline()).isEqualTo(Abi.V6);
        assertThat(request.asked()).isEmpty();
    }

    @Test
    void withPathsAppendsGrants() throws IOException {
        Policy base = policy(List.of(new PathGrant(tmp, Intent.RO, "--ro")), List.of(), Abi.V10, false);
        Path file = Files.writeString(tmp.resolve("g"), "");

        Policy more = base.withPaths(List.of(new PathGrant(file, Intent.EXEC_FILE, "auto-import (command)")));

        assertThat(more.paths()).extracting(PathGrant::path).containsExactly(tmp, file);
        assertThat(more.target()).isEqualTo(base.target());
        assertThat(more.compat()).isEqualTo(base.compat());
    }

    private static Policy policy(List<PathGrant> paths, List<PortGrant> ports, Abi target, boolean ignoreMissing) {
        Policy.Builder policy = Policy.builder().log(RestrictFlag.LOG_NEW_EXEC_ON).compat(CompatLevel.HARD_REQUIREMENT)
                .pin(target);
        paths.forEach(policy::path);
        ports.forEach(policy::port);
        if (ignoreMissing) {
            policy.ignoreMissing();
        }
        return policy.build();
    }
}
