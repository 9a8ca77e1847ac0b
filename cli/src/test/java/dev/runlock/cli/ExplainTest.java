package dev.runlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runlock.landlock.Abi;
import dev.runlock.landlock.AccessFs;
import dev.runlock.landlock.LandlockBit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What each option does to the sandbox, as {@code --explain} shows it, on a kernel of every ABI runlock knows. */
@ParameterizedClass(name = "kernel {0}")
@EnumSource(Abi.class)
class ExplainTest {
    @TempDir
    Path dir;

    @Parameter
    Abi abi;

    private CliRun run(String... args) {
        return CliRun.on(abi).of(args);
    }

    /** The names --explain gives those of {@code rights} this kernel has, in bit order. */
    private String rights(LandlockBit... rights) {
        return Stream.of(rights).filter(r -> abi.atLeast(r.since())).sorted(Comparator.comparingLong(LandlockBit::bit))
                .map(r -> ((Enum<?>) r).name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(","));
    }

    /** On a kernel without Landlock nothing is restricted, so no option leaves a rule. */
    private static void assertNoRules(CliRun run) {
        assertThat(run.line("filesystem:")).isEqualTo("filesystem:  unrestricted");
        assertThat(run.rules("[")).isEmpty();
    }

    /** For tests of rules: whether this kernel has no Landlock, after checking that {@code run} then has no rule. */
    private boolean withoutLandlock(CliRun run) {
        if (abi == Abi.NONE) {
            assertNoRules(run);
        }
        return abi == Abi.NONE;
    }

    private Path mkdir(String name) throws IOException {
        return Files.createDirectory(dir.resolve(name));
    }

    /** The one rule line for {@code path}, a directory if {@code directory}. */
    private static String rule(CliRun run, Path path, boolean directory) {
        String prefix = "  " + path + (directory ? "/" : "") + "  ";
        List<String> rules = run.outLines().stream().filter(l -> l.startsWith(prefix)).toList();
        assertThat(rules).as("rule for %s in:%n%s", path, run.out()).hasSize(1);
        return rules.get(0);
    }

    @Test
    void pathFlagsGrantTheirRightsAndNameTheFlag() throws IOException {
        Path a = mkdir("a");
        Path b = mkdir("b");
        Path c = mkdir("c");
        Path x = mkdir("x");
        Path w = mkdir("w");
        Path wx = mkdir("wx");
        Path socket = Files.createFile(dir.resolve("socket"));
        String[] args = {"--ro", a + "," + b, "--ro", c.toString(), "--rox", x.toString(), "--rw", w.toString(),
                "--rwx", wx.toString(), "--unix", socket.toString(), "true"};
        CliRun run = run(args).assertExplained();
        if (withoutLandlock(run)) {
            return;
        }
        // Each rule in the word of the option that granted it, whatever rights this kernel has.
        for (Path readOnly : List.of(a, b, c)) {
            assertThat(rule(run, readOnly, true)).endsWith("/  ro  [--ro]");
        }
        assertThat(rule(run, x, true)).endsWith("/  rox  [--rox]");
        assertThat(rule(run, w, true)).endsWith("/  rw  [--rw]");
        assertThat(rule(run, wx, true)).endsWith("/  rwx  [--rwx]");
        // Connecting to pathname sockets is ABI 9: below it only the read right remains, and the drop is reported.
        assertThat(rule(run, socket, false)).isEqualTo("  " + socket + "  " + (abi.atLeast(Abi.V9) ? "unix" : "ro") + "  [--unix]");
        assertThat(run.outLines().stream().anyMatch(l -> l.startsWith("not restricted here:")
                && l.contains("pathname UNIX socket connect (ABI 9)"))).isEqualTo(!abi.atLeast(Abi.V9));
        assertThat(run.outLines()).filteredOn(l -> l.startsWith("dropped:")).containsExactlyElementsOf(abi.atLeast(Abi.V9)
                ? List.of() : List.of("dropped:     --unix " + socket + " needs pathname UNIX socket connect (ABI 9)"));
        assertThat(run.line("filesystem:")).startsWith("filesystem:  restricted");

        // At debug level each word is followed by the kernel's rights it stands for here.
        CliRun detail = run(Stream.concat(Stream.of("--log-level", "debug"), Stream.of(args)).toArray(String[]::new))
                .assertExplained();
        for (Path readOnly : List.of(a, b, c)) {
            assertThat(rule(detail, readOnly, true)).contains("  ro (read_file,read_dir)  [--ro]");
        }
        assertThat(rule(detail, x, true)).contains("  rox (execute,read_file,read_dir)  [--rox]");
        assertThat(rule(detail, w, true)).contains("write_file", "remove_file", "make_reg", "make_dir", "[--rw]")
                .doesNotContain("execute");
        assertThat(rule(detail, w, true).contains("truncate")).as("truncate (ABI 3)").isEqualTo(abi.atLeast(Abi.V3));
        assertThat(rule(detail, w, true).contains("refer")).as("refer (ABI 2)").isEqualTo(abi.atLeast(Abi.V2));
        assertThat(rule(detail, wx, true)).contains("execute", "write_file", "[--rwx]");
        assertThat(rule(detail, socket, false)).endsWith(" (" + rights(AccessFs.READ_FILE, AccessFs.RESOLVE_UNIX) + ")  [--unix]");
    }

    @Test
    void aPathIsShownNormalisedAndOnceWithEveryOriginAndTheUnionOfItsRights() throws IOException {
        Path sub = mkdir("sub");
        CliRun run = run("-d", "--ro", sub + "/./", "--rw", dir + "/sub/../sub", "--ro", "/etc/hostname",
                "--rox", "/etc/hostname", "true").assertExplained();
        if (withoutLandlock(run)) {
            return;
        }
        assertThat(run.out()).doesNotContain("/./", "/../");
        assertThat(rule(run, sub.toRealPath(), true)).endsWith("/  rw  [--ro, --rw]");
        assertThat(rule(run, Path.of("/etc/hostname"), false)).isEqualTo("  /etc/hostname  rox  [--ro, --rox]");
        assertThat(run.line("filesystem:")).isEqualTo("filesystem:  restricted, 2 paths");
    }

    @Test
    void aFileGrantHasNoDirectoryRights() {
        CliRun run = run("-d", "--ro", "/etc/hostname", "true").assertExplained();
        if (withoutLandlock(run)) {
            return;
        }
        assertThat(rule(run, Path.of("/etc/hostname"), false)).isEqualTo("  /etc/hostname  ro  [--ro]");
        assertThat(rule(run("-d", "--log-level", "debug", "--rw", "/etc/hostname", "true").assertExplained(),
                Path.of("/etc/hostname"), false)).as("no directory right on a file").startsWith("  /etc/hostname  rw (")
                .doesNotContain("read_dir", "make_", "remove_", "refer");
    }

    @Test
    void relativePathsAreResolvedAgainstTheWorkingDirectory() {
        CliRun run = run("-d", "--ro", "src", "true").assertExplained();
        if (withoutLandlock(run)) {
            return;
        }
        assertThat(rule(run, Path.of("").toAbsolutePath().resolve("src"), true)).endsWith("[--ro]");
    }

    @Test
    void portsAndRangesBecomeOneRulePerPortAndGrant() {
        CliRun run = run("--bind-tcp", "0,8000-8002", "--connect-tcp", "443", "--connect-tcp", "65535,8001",
                "true").assertExplained();
        if (!abi.atLeast(Abi.V4)) {
            assertThat(run.rules("  port ")).isEmpty();
            assertThat(run.line("network:")).isEqualTo("network:     unrestricted");
            return;
        }
        assertThat(run.rules("  port ")).containsExactly(
                "  port 0  bind_tcp  [--bind-tcp]",
                "  port 443  connect_tcp  [--connect-tcp]",
                "  port 8000  bind_tcp  [--bind-tcp]",
                "  port 8001  bind_tcp  [--bind-tcp]",
                "  port 8001  connect_tcp  [--connect-tcp]",
                "  port 8002  bind_tcp  [--bind-tcp]",
                "  port 65535  connect_tcp  [--connect-tcp]");
        assertThat(run.line("network:")).isEqualTo(DefaultSandbox.network(abi).replace(" 0 port rules", " 7 port rules"));
    }

    @Test
    void udpPortsBecomeRulesFromAbi10AndAreReportedAsNotEnforcedBefore() {
        CliRun run = run("--bind-udp", "53", "--connect-udp", "5353-5354", "true").assertExplained();
        if (abi.atLeast(Abi.V10)) {
            // Port 0: the ephemeral bind the first send from an unbound socket makes.
            assertThat(run.rules("  port ")).containsExactly("  port 0  bind_udp  [ephemeral bind for --connect-udp]",
                    "  port 53  bind_udp  [--bind-udp]",
                    "  port 5353  connect_send_udp  [--connect-udp]", "  port 5354  connect_send_udp  [--connect-udp]");
            assertThat(run.out()).doesNotContain("UDP (ABI 10)");
        } else {
            assertThat(run.line("not restricted here:")).contains("UDP (ABI 10)");
            assertThat(run.rules("  port ")).isEmpty();
            assertThat(run.outLines()).filteredOn(l -> l.startsWith("dropped:")).containsExactlyElementsOf(
                    abi == Abi.NONE ? List.of() : List.of("dropped:     --bind-udp 53 needs UDP (ABI 10)",
                            "dropped:     --connect-udp 5353 needs UDP (ABI 10)",
                            "dropped:     --connect-udp 5354 needs UDP (ABI 10)"));
        }
    }

    @Test
    void onlyTheVariablesNamedByEnvReachTheCommand() {
        Map<String, String> env = CliRun.baseEnvironment();
        env.put("SECRET", "s3cret");
        assertThat(CliRun.on(abi).with(env, "true").assertExplained().line("environment:"))
                .isEqualTo("environment: (empty)");
        CliRun run = CliRun.on(abi).with(env, "--env", "HOME", "--env", "GREETING=a b=c,d", "--env", "PATH", "true");
        assertThat(run.assertExplained().line("environment:"))
                .isEqualTo("environment: HOME=/root 'GREETING=a b=c,d' PATH=/usr/local/bin:/usr/bin:/bin");
    }

    @Test
    void anEnvKeyThatIsNotSetIsOmittedWithAWarning() {
        CliRun run = run("--env", "RUNLOCK_TEST_UNSET", "--env", "HOME", "true").assertExplained();
        assertThat(run.line("environment:")).isEqualTo("environment: HOME=/root");
        assertThat(run.errLines()).contains("runlock: warning: --env RUNLOCK_TEST_UNSET: not set in runlock's "
                + "environment, not passed");
    }

    @Test
    void autoImportGrantsTheCommandItsInterpreterAndLibraries() {
        CliRun run = run("true").assertExplained();
        if (withoutLandlock(run)) {
            return;
        }
        assertThat(run.rules("[auto-import (command)]")).singleElement().asString()
                .contains("/true  rox  [");
        assertThat(run.rules("[auto-import (ELF interpreter)]")).isNotEmpty()
                .allSatisfy(l -> assertThat(l).contains("  rox  ["));
        assertThat(run.rules("[auto-import (library)]")).isNotEmpty()
                .allSatisfy(l -> assertThat(l).contains("  ro  [").doesNotContain("rox"));
    }

    @Test
    void disableAutoImportGrantsNothing() {
        assertThat(run("-d", "true").assertExplained().rules("auto-import")).isEmpty();
        assertThat(run("--disable-auto-import", "true").assertExplained().rules("auto-import")).isEmpty();
    }

    @Test
    void landrunsAddExecAndLddImportTheirPartsOnly() {
        if (withoutLandlock(run("true"))) {
            return;
        }
        List<String> exec = run("-d", "--add-exec", "true").assertExplained().rules("auto-import");
        assertThat(exec).singleElement().asString().contains("(command)");

        List<String> ldd = run("-d", "--ldd", "true").assertExplained().rules("auto-import");
        assertThat(ldd).isNotEmpty().noneMatch(l -> l.contains("(command)"))
                .anyMatch(l -> l.contains("(ELF interpreter)")).anyMatch(l -> l.contains("(library)"));

        List<String> both = run("-d", "--add-exec", "--ldd", "true").assertExplained().rules("auto-import");
        assertThat(both).containsExactlyInAnyOrderElementsOf(
                run("true").assertExplained().rules("auto-import"));
    }

    @Test
    void unrestrictedOptionsLiftTheirPart() {
        CliRun fs = run("--ro", "/etc", "--unrestricted-filesystem", "true").assertExplained();
        assertThat(fs.line("filesystem:")).isEqualTo("filesystem:  unrestricted");
        assertThat(fs.rules("[")).noneMatch(l -> l.contains("[--ro]") || l.contains("auto-import"));

        CliRun net = run("--bind-tcp", "80", "--unrestricted-network", "true").assertExplained();
        assertThat(net.line("network:")).isEqualTo("network:     unrestricted");
        assertThat(net.rules("  port ")).isEmpty();

        assertThat(run("--unrestricted-scoped", "true").assertExplained().line("scopes:"))
                .isEqualTo("scopes:      none");
        assertThat(run("true").assertExplained().line("scopes:")).isEqualTo(DefaultSandbox.scopes(abi));
    }

    @Test
    void booleanOptionsTakeAnAttachedValueOrANegation() {
        assertThat(run("--unrestricted-network=false", "true").assertExplained().line("network:"))
                .isEqualTo(DefaultSandbox.network(abi));
        assertThat(run("--unrestricted-network=true", "true").assertExplained().line("network:"))
                .isEqualTo("network:     unrestricted");
        assertThat(run("--no-unrestricted-network", "true").assertExplained().line("network:"))
                .isEqualTo(DefaultSandbox.network(abi));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--unrestricted-network", "--unrestricted-filesystem", "--unrestricted-scoped",
        "--ignore-missing", "--log-disable-originating", "--log-enable-subprocesses", "--log-disable-subdomains"})
    void aBooleanOptionNeverSwallowsACommandNamedTrueOrFalse(String option) {
        // As in landrun: "runlock --unrestricted-network true" runs true.
        assertThat(run(option, "true").assertExplained().line("command:")).endsWith("/true");
        assertThat(run(option, "false", "x").assertExplained().line("command:")).endsWith("/false x");
    }

    @Test
    void ignoreMissingSkipsPathsThatDoNotExist() {
        CliRun run = run("-d", "--ro", "/nonexistent/runlock-test", "--ro", "/etc", "--ignore-missing", "true")
                .assertExplained();
        if (withoutLandlock(run)) {
            return;
        }
        assertThat(run.rules("[--ro]")).containsExactly("  /etc/  ro  [--ro]");
    }

    @Test
    void bestEffortIsTheDefaultAndDropsWhatTheKernelLacks() {
        CliRun run = run("--best-effort", "true").assertExplained();
        assertThat(run.line("enforcement:")).isEqualTo("enforcement: " + DefaultSandbox.enforcement(abi));
        List<String> lacking = DefaultSandbox.lacking(abi);
        if (abi != Abi.NONE && !lacking.isEmpty()) {
            assertThat(run.line("not restricted here:")).isEqualTo("not restricted here: " + String.join(", ", lacking));
        }
        assertThat(run.out()).isEqualTo(run("true").out()).isEqualTo(run("--compat", "best", "true").out());
    }

    @Test
    void softCompatRunsUnsandboxedWhenAGrantOrTheOwedAbiWouldBeDropped() {
        String unmet = "enforcement: NOT enforced (no ruleset is applied)";
        assertThat(run("--compat", "soft", "--connect-udp", "53", "true").assertExplained().line("enforcement:"))
                .isEqualTo(abi.atLeast(Abi.V10) ? "enforcement: " + DefaultSandbox.enforcement(abi) : unmet);
        assertThat(run("--compat", "soft", "true").assertExplained().line("enforcement:"))
                .isEqualTo(DefaultSandbox.owes(abi, Abi.baseline()) ? unmet : "enforcement: " + DefaultSandbox.enforcement(abi));
        assertThat(run("--compat", "soft", "--abi", "7", "true").assertExplained().line("enforcement:"))
                .isEqualTo(DefaultSandbox.owes(abi, Abi.V7) ? unmet : "enforcement: " + DefaultSandbox.enforcement(abi, Abi.V7));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--strict", "--compat=hard", "--compat=HARD", "--strict --compat hard",
        "--strict --compat HARD"})
    void hardCompatRunsWhenEverythingRequestedIsEnforced(String flags) {
        String[] args = Stream.concat(Stream.of(flags.split(" ")), Stream.of("--abi", "7", "true"))
                .toArray(String[]::new);
        if (!DefaultSandbox.owes(abi, Abi.V7)) {
            assertThat(run(args).assertExplained().line("enforcement:")).isEqualTo("enforcement: "
                    + DefaultSandbox.enforcement(abi, Abi.V7));
        } else {
            run(args).assertRefused("(required by --compat hard");
        }
    }

    @Test
    void aDefaultRunShowsWhatIsOpenAboveTheBaselineWithoutAWarning() {
        CliRun run = run("true").assertExplained();
        List<String> quiet = DefaultSandbox.quiet(abi);
        assertThat(run.outLines()).filteredOn(l -> l.startsWith("no warning:")).containsExactlyElementsOf(
                abi == Abi.NONE || quiet.isEmpty() ? List.of() : List.of("no warning:  " + String.join(", ", quiet)
                        + " (above the " + Abi.baseline() + " baseline, asked for by nothing)"));
        assertThat(run.out()).doesNotContain("dropped:");
        assertThat(run.err()).as("--explain shows the sandbox instead of warning").isEmpty();
    }

    @Test
    void hardCompatOwesTheBaselineAndWhatWasAskedFor() {
        CliRun strict = run("--strict", "true");
        if (DefaultSandbox.owes(abi, Abi.baseline())) {
            strict.assertRefused("(required by --compat hard");
        } else {
            assertThat(strict.assertExplained().line("enforcement:")).isEqualTo("enforcement: " + DefaultSandbox.enforcement(abi));
        }
        if (abi != Abi.NONE && !abi.atLeast(Abi.V10)) {
            run("--strict", "--connect-udp", "53", "true").assertRefused("Landlock " + abi + " lacks ", "UDP (ABI 10); "
                    + "dropped: --connect-udp 53 needs UDP (ABI 10) (required by --compat hard");
            run("--abi", "7", "--strict", "--connect-udp", "53", "true").assertRefused("--connect-udp 53 needs UDP");
        }
        CliRun abi9 = run("--abi", "9", "--strict", "true");
        if (DefaultSandbox.owes(abi, Abi.V9)) {
            abi9.assertRefused(abi == Abi.NONE ? "(required by --compat hard" : "Landlock " + abi + " lacks ");
        } else {
            abi9.assertExplained();
        }
    }

    @Test
    void aPresetsRuleTheKernelCannotEnforceIsListedWithoutAWarningAndNotOwed() {
        CliRun strict = run("--strict", "--preset", "dns", "true");
        if (DefaultSandbox.owes(abi, Abi.baseline())) {
            strict.assertRefused("(required by --compat hard");
            return;
        }
        strict.assertExplained();
        assertThat(strict.out()).doesNotContain("dropped:");
        assertThat(strict.outLines()).filteredOn(l -> l.startsWith("optional:")).containsExactlyElementsOf(
                abi.atLeast(Abi.V10) ? List.of() : List.of("optional:    preset dns 53 needs UDP (ABI 10)"
                        + " (not enforceable here; a preset's, so no warning)"));
        // Control: the same port given by the user is owed.
        if (!abi.atLeast(Abi.V10)) {
            run("--strict", "--preset", "dns", "--connect-udp", "53", "true").assertRefused("53 needs UDP (ABI 10) (required");
        }
    }

    @Test
    void aWritableGrantOverARepositoryNamesTheHooksAndConfigItOpens() throws IOException {
        Path repo = mkdir("repo");
        Files.createDirectories(repo.resolve(".git/hooks"));
        CliRun rw = run("--rw", repo.toString(), "true").assertExplained();
        if (withoutLandlock(rw)) {
            return;
        }
        assertThat(rw.outLines()).filteredOn(l -> l.startsWith("persistence:")).containsExactly(
                "persistence: " + repo.resolve(".git/hooks") + " writable through " + repo + "/ [--rw]"
                        + " (code outside the sandbox runs or trusts it later)",
                "persistence: " + repo.resolve(".git/config") + " writable through " + repo + "/ [--rw]"
                        + " (code outside the sandbox runs or trusts it later)",
                "persistence: " + repo.resolve(".git/modules") + " writable through " + repo + "/ [--rw]"
                        + " (code outside the sandbox runs or trusts it later)");
        // Control: read-only, nothing can be planted.
        assertThat(run("--ro", repo.toString(), "true").assertExplained().out()).doesNotContain("persistence:");
    }

    @Test
    void aRuleAboveThePinnedAbiIsListedAsDropped() {
        CliRun run = run("--abi", "7", "--connect-udp", "53", "true").assertExplained();
            if (abi != Abi.NONE) {
            assertThat(run.line("enforcement:")).isEqualTo("enforcement: " + DefaultSandbox.enforcement(abi, Abi.V7)
                    .replace("fully enforced", "partially enforced").replaceFirst("^pinned", "partially enforced; pinned"));
            assertThat(run.line("dropped:")).isEqualTo("dropped:     --connect-udp 53 needs UDP (ABI 10)");
            assertThat(run.line("not restricted here:")).endsWith("UDP (ABI 10)");
            assertThat(run("--abi", "3", "--connect-tcp", "443", "true").assertExplained().line("dropped:"))
                    .isEqualTo("dropped:     --connect-tcp 443 needs TCP (ABI 4)");
        }
        assertThat(run("--abi", "3", "-d", "--rw", "/tmp", "true").assertExplained().out())
                .as("--rw is not for device ioctl: the pin below it drops nothing asked for").doesNotContain("dropped:");
    }

    /** {@code abi = 3} once lifted TCP, ioctl and scope rules while the headline said "fully enforced". */
    @ParameterizedTest(name = "--abi {0}")
    @MethodSource("pins")
    void aPinBelowTheKernelIsNeverCalledFullyEnforced(Abi pin) {
        String enforcement = run("--abi", Integer.toString(pin.number()), "true").assertExplained().line("enforcement:");
        List<String> lifted = DefaultSandbox.lifted(abi, pin);
        if (abi == Abi.NONE || lifted.isEmpty()) {
            assertThat(enforcement).doesNotContain("pinned");
        } else {
            assertThat(enforcement).doesNotContain("fully enforced")
                    .endsWith("pinned to " + pin + " below the kernel's " + abi + ", which lifts " + String.join(", ", lifted));
        }
        if (abi.atLeast(Abi.V6) && pin == Abi.V3) {
            assertThat(enforcement).isEqualTo("enforcement: pinned to ABI 3 below the kernel's " + abi + ", which lifts "
                    + "TCP (ABI 4), device ioctl (ABI 5), " + String.join(", ", lifted.subList(2, lifted.size())))
                    .contains("signal");
        }
    }

    static Stream<Abi> pins() {
        return Stream.of(Abi.values()).filter(a -> a != Abi.NONE);
    }

    @ParameterizedTest(name = "--abi {0}")
    @MethodSource("pins")
    void abiPinsTheRulesetToThatVersion(Abi pin) {
        CliRun run = run("--abi", Integer.toString(pin.number()), "true").assertExplained();
        Abi built = Abi.min(abi, pin);
        assertThat(run.line("requested:")).isEqualTo("requested:   rights up to " + pin + "; ruleset built for " + built);
        assertThat(run.line("enforcement:")).isEqualTo("enforcement: " + DefaultSandbox.enforcement(abi, pin));
        List<String> lacking = DefaultSandbox.lacking(abi, pin);
        if (abi != Abi.NONE) {
            assertThat(run.outLines().stream().filter(l -> l.startsWith("not restricted here:")))
                    .as("what the kernel lacks up to the pin").containsExactlyElementsOf(lacking.isEmpty() ? List.of()
                            : List.of("not restricted here: " + String.join(", ", lacking)));
        }
        assertThat(run.line("network:")).isEqualTo(DefaultSandbox.network(built));
        assertThat(run.line("scopes:")).isEqualTo(DefaultSandbox.scopes(built));
    }

    @Test
    void rightsNewerThanThePinnedAbiAreNotGranted() {
        CliRun run = run("-d", "--log-level", "debug", "--rw", dir.toString(), "--abi", "2", "true").assertExplained();
        if (withoutLandlock(run)) {
            return;
        }
        assertThat(rule(run, dir, true)).contains("  rw (", "write_file").doesNotContain("truncate", "ioctl_dev");
        assertThat(rule(run, dir, true).contains("refer")).as("refer (ABI 2)").isEqualTo(abi.atLeast(Abi.V2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--log-disable-originating", "--log-enable-subprocesses", "--log-disable-subdomains"})
    void auditFlagsAreSetFromAbi7(String option) {
        assertThat(run(option, "true").assertExplained().out().contains("log flags:   log_"))
                .as("log flags (ABI 7)").isEqualTo(abi.atLeast(Abi.V7));
        assertThat(run(option, "--abi", "6", "true").assertExplained().out()).doesNotContain("log flags:");
        assertThat(run("true").assertExplained().out()).doesNotContain("log flags:");
    }

    @Test
    void keepFdListsTheKeptDescriptors() {
        int open = Host.openDescriptor();
        assertThat(run("true").assertExplained().line("descriptors:")).isEqualTo("descriptors: 0 1 2");
        assertThat(run("--keep-fd", open + ",1", "--keep-fd", "2", "true").assertExplained().line("descriptors:"))
                .isEqualTo("descriptors: 0 1 2 " + open);
    }

    @Test
    void pathnameUnixSocketsAreLeftToTheGuardBelowAbi9UnlessOneIsGranted() throws IOException {
        Path socket = mkdir("sockets");
        String guarded = run("true").assertExplained().line("unix sockets:");
        String granted = run("--unix", socket.toString(), "true").assertExplained().line("unix sockets:");
        String pinned = run("--abi", "8", "true").assertExplained().line("unix sockets:");

        if (abi == Abi.NONE) {
            assertThat(List.of(guarded, granted, pinned)).containsOnly("unix sockets: not restricted");
        } else if (abi.atLeast(Abi.V9)) {
            assertThat(guarded).isEqualTo("unix sockets: only granted pathname sockets (Landlock ABI 9)");
            assertThat(granted).isEqualTo(guarded);
            assertThat(pinned).startsWith("unix sockets: none: Landlock ABI 8 cannot restrict pathname sockets");
        } else {
            assertThat(guarded).isEqualTo("unix sockets: none: Landlock " + abi + " cannot restrict pathname sockets, so "
                    + "runlock's seccomp filter refuses socket(AF_UNIX) (EACCES; socketpair works, io_uring and i386 "
                    + "socketcall sockets fail)");
            assertThat(granted).isEqualTo("unix sockets: every pathname socket is reachable: --unix needs ABI 9, so "
                    + "the UNIX socket guard is off");
        }
        assertThat(run("--unrestricted-filesystem", "true").assertExplained().line("unix sockets:"))
                .isEqualTo("unix sockets: not restricted");
    }

    @Test
    void capabilitiesAreDroppedUnlessKept() {
        assertThat(run("true").assertExplained().line("capabilities:"))
                .isEqualTo("capabilities: none: the command starts without any, also when run by root");
        assertThat(run("--keep-capabilities", "true").assertExplained().line("capabilities:"))
                .isEqualTo("capabilities: kept (--keep-capabilities): run by root, the command has all of root's");
        assertThat(run("--keep-capabilities=false", "true").assertExplained().line("capabilities:")).startsWith("capabilities: none");
    }

    @Test
    void keepFdRefusesADescriptorThatWasNotPassed() {
        run("--keep-fd", "987654", "true").assertRefused("--keep-fd", "987654", "not passed");
    }

    @Test
    void anAtFileIsAnArgumentNeverReadByRunlock() throws Exception {
        Path words = Files.writeString(dir.resolve("words"), "--unrestricted-filesystem\nsecret\n");

        CliRun run = run("--", "echo", "@" + words).assertExplained();

        assertThat(run.line("command:")).isEqualTo("command:     /usr/bin/echo @" + words);
        // Where an option could stand, it is still a word, never the file's options: here the command.
        run("--ro", "/etc", "@" + words, "true").assertRefused("@" + words, "no such file");
    }

    @Test
    void theHeaderNamesTheResolvedCommandAndItsArguments() {
        CliRun run = run("--", "echo", "a b", "--ro").assertExplained();
        assertThat(run.line("command:")).isEqualTo("command:     /usr/bin/echo 'a b' --ro");
        assertThat(run.line("config:")).isEqualTo("config:      none");
        assertThat(run.line("kernel:")).isEqualTo(abi == Abi.NONE ? "kernel:      this kernel has no Landlock (ENOSYS): "
                + "it needs Linux 5.13 or newer built with CONFIG_SECURITY_LANDLOCK" : "kernel:      Landlock " + abi);
    }
}
