package dev.runlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What each option does to the sandbox, as {@code --explain} shows it (this host: Landlock ABI 7). */
class ExplainTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void landlockAbi7() {
        Host.assumeAbi7();
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
        CliRun run = CliRun.of("--ro", a + "," + b, "--ro", c.toString(), "--rox", x.toString(), "--rw", w.toString(),
                "--rwx", wx.toString(), "--unix", socket.toString(), "true").assertExplained();

        for (Path readOnly : List.of(a, b, c)) {
            assertThat(rule(run, readOnly, true)).contains("  read_file,read_dir  [--ro]");
        }
        assertThat(rule(run, x, true)).contains("  execute,read_file,read_dir  [--rox]");
        assertThat(rule(run, w, true)).contains("write_file", "remove_file", "make_reg", "make_dir", "truncate",
                "refer", "[--rw]").doesNotContain("execute");
        assertThat(rule(run, wx, true)).contains("execute", "write_file", "truncate", "[--rwx]");
        // Connecting to pathname sockets is ABI 9: here only the read right remains, and the drop is reported.
        assertThat(rule(run, socket, false)).contains("  read_file  [--unix]");
        assertThat(run.line("not restricted here:")).contains("pathname UNIX socket connect (ABI 9)");
        assertThat(run.line("dropped:")).isEqualTo("dropped:     --unix " + socket
                + " needs pathname UNIX socket connect (ABI 9)");
        assertThat(run.line("filesystem:")).startsWith("filesystem:  restricted");
    }

    @Test
    void aFileGrantHasNoDirectoryRights() {
        CliRun run = CliRun.of("-d", "--ro", "/etc/hostname", "true").assertExplained();
        assertThat(rule(run, Path.of("/etc/hostname"), false)).isEqualTo("  /etc/hostname  read_file  [--ro]");
    }

    @Test
    void relativePathsAreResolvedAgainstTheWorkingDirectory() {
        CliRun run = CliRun.of("-d", "--ro", "src", "true").assertExplained();
        assertThat(rule(run, Path.of("").toAbsolutePath().resolve("src"), true)).endsWith("[--ro]");
    }

    @Test
    void portsAndRangesBecomeOneRulePerPort() {
        CliRun run = CliRun.of("--bind-tcp", "0,8000-8002", "--connect-tcp", "443", "--connect-tcp", "65535,8001",
                "true").assertExplained();
        assertThat(run.rules("  port ")).containsExactly(
                "  port 0  bind_tcp  [--bind-tcp]",
                "  port 443  connect_tcp  [--connect-tcp]",
                "  port 8000  bind_tcp  [--bind-tcp]",
                "  port 8001  bind_tcp,connect_tcp  [--bind-tcp]",
                "  port 8002  bind_tcp  [--bind-tcp]",
                "  port 65535  connect_tcp  [--connect-tcp]");
        assertThat(run.line("network:")).isEqualTo("network:     restricted (bind_tcp,connect_tcp), 6 port rules");
    }

    @Test
    void udpPortsAreAcceptedAndReportedAsNotEnforcedBeforeAbi10() {
        CliRun run = CliRun.of("--bind-udp", "53", "--connect-udp", "5353-5354", "true").assertExplained();
        assertThat(run.line("not restricted here:")).contains("UDP (ABI 10)");
        assertThat(run.outLines()).filteredOn(l -> l.startsWith("dropped:")).containsExactly(
                "dropped:     --bind-udp 53 needs UDP (ABI 10)",
                "dropped:     --connect-udp 5353 needs UDP (ABI 10)",
                "dropped:     --connect-udp 5354 needs UDP (ABI 10)");
        assertThat(run.rules("  port ")).isEmpty();
    }

    @Test
    void onlyTheVariablesNamedByEnvReachTheCommand() {
        Map<String, String> env = CliRun.baseEnvironment();
        env.put("SECRET", "s3cret");
        assertThat(CliRun.with(env, "true").assertExplained().line("environment:"))
                .isEqualTo("environment: (empty)");
        CliRun run = CliRun.with(env, "--env", "HOME", "--env", "GREETING=a b=c,d", "--env", "PATH", "true");
        assertThat(run.assertExplained().line("environment:"))
                .isEqualTo("environment: HOME=/root 'GREETING=a b=c,d' PATH=/usr/local/bin:/usr/bin:/bin");
    }

    @Test
    void anEnvKeyThatIsNotSetIsOmittedWithAWarning() {
        CliRun run = CliRun.of("--env", "RUNLOCK_TEST_UNSET", "--env", "HOME", "true").assertExplained();
        assertThat(run.line("environment:")).isEqualTo("environment: HOME=/root");
        assertThat(run.errLines()).contains("runlock: warning: --env RUNLOCK_TEST_UNSET: not set in runlock's "
                + "environment, not passed");
    }

    @Test
    void autoImportGrantsTheCommandItsInterpreterAndLibraries() {
        CliRun run = CliRun.of("true").assertExplained();
        assertThat(run.rules("[auto-import (command)]")).singleElement().asString()
                .contains("/true  execute,read_file");
        assertThat(run.rules("[auto-import (ELF interpreter)]")).isNotEmpty()
                .allSatisfy(l -> assertThat(l).contains("execute,read_file"));
        assertThat(run.rules("[auto-import (library)]")).isNotEmpty()
                .allSatisfy(l -> assertThat(l).contains("  read_file  ").doesNotContain("execute"));
    }

    @Test
    void disableAutoImportGrantsNothing() {
        assertThat(CliRun.of("-d", "true").assertExplained().rules("auto-import")).isEmpty();
        assertThat(CliRun.of("--disable-auto-import", "true").assertExplained().rules("auto-import")).isEmpty();
    }

    @Test
    void landrunsAddExecAndLddImportTheirPartsOnly() {
        List<String> exec = CliRun.of("-d", "--add-exec", "true").assertExplained().rules("auto-import");
        assertThat(exec).singleElement().asString().contains("(command)");

        List<String> ldd = CliRun.of("-d", "--ldd", "true").assertExplained().rules("auto-import");
        assertThat(ldd).isNotEmpty().noneMatch(l -> l.contains("(command)"))
                .anyMatch(l -> l.contains("(ELF interpreter)")).anyMatch(l -> l.contains("(library)"));

        List<String> both = CliRun.of("-d", "--add-exec", "--ldd", "true").assertExplained().rules("auto-import");
        assertThat(both).containsExactlyInAnyOrderElementsOf(
                CliRun.of("true").assertExplained().rules("auto-import"));
    }

    @Test
    void unrestrictedOptionsLiftTheirPart() {
        CliRun fs = CliRun.of("--ro", "/etc", "--unrestricted-filesystem", "true").assertExplained();
        assertThat(fs.line("filesystem:")).isEqualTo("filesystem:  unrestricted");
        assertThat(fs.rules("[")).noneMatch(l -> l.contains("[--ro]") || l.contains("auto-import"));

        CliRun net = CliRun.of("--bind-tcp", "80", "--unrestricted-network", "true").assertExplained();
        assertThat(net.line("network:")).isEqualTo("network:     unrestricted");
        assertThat(net.rules("  port ")).isEmpty();

        assertThat(CliRun.of("--unrestricted-scoped", "true").assertExplained().line("scopes:"))
                .isEqualTo("scopes:      none");
        assertThat(CliRun.of("true").assertExplained().line("scopes:"))
                .isEqualTo("scopes:      abstract_unix_socket,signal");
    }

    @Test
    void booleanOptionsTakeAnAttachedValueOrANegation() {
        assertThat(CliRun.of("--unrestricted-network=false", "true").assertExplained().line("network:"))
                .startsWith("network:     restricted");
        assertThat(CliRun.of("--unrestricted-network=true", "true").assertExplained().line("network:"))
                .isEqualTo("network:     unrestricted");
        assertThat(CliRun.of("--no-unrestricted-network", "true").assertExplained().line("network:"))
                .startsWith("network:     restricted");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--unrestricted-network", "--unrestricted-filesystem", "--unrestricted-scoped",
        "--ignore-missing", "--log-disable-originating", "--log-enable-subprocesses", "--log-disable-subdomains"})
    void aBooleanOptionNeverSwallowsACommandNamedTrueOrFalse(String option) {
        // As in landrun: "runlock --unrestricted-network true" runs true.
        assertThat(CliRun.of(option, "true").assertExplained().line("command:")).endsWith("/true");
        assertThat(CliRun.of(option, "false", "x").assertExplained().line("command:")).endsWith("/false x");
    }

    @Test
    void ignoreMissingSkipsPathsThatDoNotExist() {
        CliRun run = CliRun.of("-d", "--ro", "/nonexistent/runlock-test", "--ro", "/etc", "--ignore-missing", "true")
                .assertExplained();
        assertThat(run.rules("[--ro]")).containsExactly("  /etc/  read_file,read_dir  [--ro]");
    }

    @Test
    void bestEffortIsTheDefaultAndDropsWhatTheKernelLacks() {
        CliRun run = CliRun.of("--best-effort", "true").assertExplained();
        assertThat(run.line("enforcement:")).isEqualTo("enforcement: partially enforced");
        assertThat(run.out()).isEqualTo(CliRun.of("true").out()).isEqualTo(CliRun.of("--compat", "best", "true").out());
    }

    @Test
    void softCompatRunsUnsandboxedWhenAGrantOrTheBaselineWouldBeDropped() {
        CliRun run = CliRun.of("--compat", "soft", "--connect-udp", "53", "true").assertExplained();
        assertThat(run.line("enforcement:")).isEqualTo("enforcement: NOT enforced (no ruleset is applied)");
        assertThat(CliRun.of("--compat", "soft", "true").assertExplained().line("enforcement:"))
                .as("the baseline is met here").isEqualTo("enforcement: partially enforced");
        assertThat(CliRun.of("--compat", "soft", "--abi", "7", "true").assertExplained().line("enforcement:"))
                .isEqualTo("enforcement: fully enforced");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--strict", "--compat=hard", "--compat=HARD", "--strict --compat hard",
        "--strict --compat HARD"})
    void hardCompatRunsWhenEverythingRequestedIsEnforced(String flags) {
        String[] args = Stream.concat(Stream.of(flags.split(" ")), Stream.of("--abi", "7", "true"))
                .toArray(String[]::new);
        assertThat(CliRun.of(args).assertExplained().line("enforcement:")).isEqualTo("enforcement: fully enforced");
    }

    @Test
    void aDefaultRunShowsWhatIsOpenAboveTheBaselineWithoutAWarning() {
        CliRun run = CliRun.of("true").assertExplained();
        assertThat(run.line("not restricted here:")).isEqualTo(
                "not restricted here: pathname UNIX socket connect (ABI 9), UDP (ABI 10)");
        assertThat(run.line("no warning:")).isEqualTo("no warning:  pathname UNIX socket connect (ABI 9), UDP (ABI 10) "
                + "(above the ABI 6 baseline, asked for by nothing)");
        assertThat(run.out()).doesNotContain("dropped:");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void hardCompatOwesTheBaselineAndWhatWasAskedFor() {
        assertThat(CliRun.of("--strict", "true").assertExplained().line("enforcement:"))
                .isEqualTo("enforcement: partially enforced");
        CliRun.of("--strict", "--connect-udp", "53", "true").assertRefused("Landlock ABI 7 lacks UDP (ABI 10); "
                + "dropped: --connect-udp 53 needs UDP (ABI 10) (required by --compat hard");
        CliRun.of("--abi", "7", "--strict", "--connect-udp", "53", "true").assertRefused("--connect-udp 53 needs UDP");
        CliRun.of("--abi", "9", "--strict", "true").assertRefused("Landlock ABI 7 lacks pathname UNIX socket connect "
                + "(ABI 9)");
    }

    @Test
    void aRuleAboveThePinnedAbiIsListedAsDropped() {
        CliRun run = CliRun.of("--abi", "7", "--connect-udp", "53", "true").assertExplained();
        assertThat(run.line("enforcement:")).isEqualTo("enforcement: partially enforced");
        assertThat(run.line("dropped:")).isEqualTo("dropped:     --connect-udp 53 needs UDP (ABI 10)");
        assertThat(run.line("not restricted here:")).isEqualTo("not restricted here: UDP (ABI 10)");
        CliRun tcp = CliRun.of("--abi", "3", "--connect-tcp", "443", "true").assertExplained();
        assertThat(tcp.line("dropped:")).isEqualTo("dropped:     --connect-tcp 443 needs TCP (ABI 4)");
        assertThat(CliRun.of("--abi", "3", "-d", "--rw", "/tmp", "true").assertExplained().out())
                .as("--rw is not for device ioctl: the pin below it drops nothing asked for").doesNotContain("dropped:");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7})
    void abiPinsTheRulesetToThatVersion(int abi) {
        CliRun run = CliRun.of("--abi", Integer.toString(abi), "true").assertExplained();
        assertThat(run.line("requested:")).isEqualTo("requested:   rights up to ABI " + abi + "; ruleset built for ABI "
                + abi);
        assertThat(run.line("enforcement:")).isEqualTo("enforcement: fully enforced");
        assertThat(run.out()).doesNotContain("not restricted here");
        assertThat(run.err()).doesNotContain("warning");
        assertThat(run.line("network:")).startsWith(abi >= 4 ? "network:     restricted" : "network:     unrestricted");
        assertThat(run.line("scopes:")).isEqualTo(abi >= 6 ? "scopes:      abstract_unix_socket,signal"
                : "scopes:      none");
    }

    @Test
    void abi8AddsNothingRunlockNeedsSoItIsFullyEnforcedHere() {
        CliRun run = CliRun.of("--abi", "8", "true").assertExplained();
        assertThat(run.line("requested:")).isEqualTo("requested:   rights up to ABI 8; ruleset built for ABI 7");
        assertThat(run.line("enforcement:")).isEqualTo("enforcement: fully enforced");
    }

    @ParameterizedTest
    @ValueSource(ints = {9, 10, 11})
    void anAbiNewerThanTheKernelIsPartiallyEnforced(int abi) {
        CliRun run = CliRun.of("--abi", Integer.toString(abi), "true").assertExplained();
        assertThat(run.line("requested:")).isEqualTo("requested:   rights up to ABI " + abi
                + "; ruleset built for ABI 7");
        assertThat(run.line("enforcement:")).isEqualTo("enforcement: partially enforced");
    }

    @Test
    void rightsNewerThanThePinnedAbiAreNotGranted() {
        CliRun run = CliRun.of("-d", "--rw", dir.toString(), "--abi", "2", "true").assertExplained();
        assertThat(rule(run, dir, true)).contains("write_file", "refer").doesNotContain("truncate", "ioctl_dev");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--log-disable-originating", "--log-enable-subprocesses", "--log-disable-subdomains"})
    void auditFlagsAreSetFromAbi7(String option) {
        assertThat(CliRun.of(option, "true").assertExplained().line("log flags:")).startsWith("log flags:   log_");
        assertThat(CliRun.of(option, "--abi", "6", "true").assertExplained().out()).doesNotContain("log flags:");
        assertThat(CliRun.of("true").assertExplained().out()).doesNotContain("log flags:");
    }

    @Test
    void keepFdListsTheKeptDescriptors() {
        int open = Host.openDescriptor();
        assertThat(CliRun.of("true").assertExplained().line("descriptors:")).isEqualTo("descriptors: 0 1 2");
        assertThat(CliRun.of("--keep-fd", open + ",1", "--keep-fd", "2", "true").assertExplained().line("descriptors:"))
                .isEqualTo("descriptors: 0 1 2 " + open);
    }

    @Test
    void keepFdRefusesADescriptorThatWasNotPassed() {
        CliRun.of("--keep-fd", "987654", "true").assertRefused("--keep-fd", "987654", "not passed");
    }

    @Test
    void theHeaderNamesTheResolvedCommandAndItsArguments() {
        CliRun run = CliRun.of("--", "echo", "a b", "--ro").assertExplained();
        assertThat(run.line("command:")).isEqualTo("command:     /usr/bin/echo 'a b' --ro");
        assertThat(run.line("config:")).isEqualTo("config:      none");
        assertThat(run.line("kernel:")).isEqualTo("kernel:      Landlock ABI 7");
    }
}
