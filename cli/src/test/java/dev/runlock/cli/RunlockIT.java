package dev.runlock.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.runlock.testkit.MachineCapability;
import dev.runlock.landlock.Abi;
import dev.runlock.testkit.HostAbi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./runlock} end to end, through the launcher, on this machine's kernel: expectations follow
 * its Landlock ABI as {@link HostAbi} probes it, independently of runlock.
 */
class RunlockIT {
    private static final String PYTHON = "/usr/bin/python3";
    private static final String BIND_ANY_PORT = "import socket\n"
            + "socket.socket().bind(('127.0.0.1', 0))\n"
            + "print('bound')\n";

    @TempDir
    Path dir;

    private static int reportedAbi;
    private static Abi host;

    private Launcher runlock;
    private Path secret;

    @BeforeAll
    static void kernel() {
        reportedAbi = HostAbi.checked();
        host = Abi.of(reportedAbi);
    }

    private static boolean landlock() {
        return host != Abi.NONE;
    }

    /** runlock's warning lines for the default sandbox owing {@code promised} (the pin, else the baseline) on this kernel. */
    private static void assertWarning(List<String> errLines, Abi promised) {
        if (!landlock()) {
            assertThat(errLines).singleElement().asString().startsWith("runlock: warning: sandbox NOT enforced: ");
        } else {
            assertThat(errLines).containsExactlyElementsOf(warning(promised));
        }
    }

    /** The warning a sandboxed default run owing {@code promised} prints on this kernel with Landlock: none at or above it. */
    private static List<String> warning(Abi promised) {
        List<String> owed = DefaultSandbox.lacking(host, promised);
        return owed.isEmpty() ? List.of() : List.of("runlock: warning: sandbox partially enforced on Landlock " + host
                + ": not restricted: " + String.join(", ", owed));
    }

    /** The command was denied reading the secret where Landlock is, and read it where not. */
    private void assertSecretDenied(Launcher.Result r) {
        if (landlock()) {
            assertThat(r.status()).isEqualTo(1);
            assertThat(r.out()).isEmpty();
            assertThat(r.errLines()).last().isEqualTo("cat: " + secret + ": Permission denied");
        } else {
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(r.out()).isEqualTo("the secret\n");
        }
    }

    @BeforeEach
    void setUp() throws IOException {
        runlock = new Launcher(dir);
        secret = Files.writeString(dir.resolve("secret.txt"), "the secret\n");
    }

    @Test
    void readmeExampleReadsOsRelease() throws IOException {
        Launcher.Result r = runlock.run("--ro", "/etc,/usr", "--", "cat", "/etc/os-release");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(Files.readString(Path.of("/etc/os-release")));
        assertThat(r.errLines()).containsExactlyElementsOf(warning(Abi.baseline()));
    }

    @Test
    void aDenialShowsTheCommandsOwnError() {
        Launcher.Result r = runlock.run("--ro", "/usr", "--", "cat", secret.toString());
        assertSecretDenied(r);
        if (landlock()) {
            assertThat(r.errLines()).containsExactlyElementsOf(
                    Stream.concat(warning(Abi.baseline()).stream(), Stream.of("cat: " + secret + ": Permission denied")).toList());
        }
    }

    @Test
    void theGrantedPathIsReadable() {
        Launcher.Result r = runlock.run("--ro", secret.toString(), "cat", secret.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("the secret\n");
    }

    @Test
    void aListedDirectoryShowsItsNamesButNotItsFiles() {
        Launcher.Result listed = runlock.run("--ls", dir.toString(), "--", "ls", dir.toString());
        assertThat(listed.status()).as(listed.err()).isZero();
        assertThat(listed.out()).contains("secret.txt");
        assertSecretDenied(runlock.run("--ls", dir.toString(), "--", "cat", secret.toString()));
    }

    @Test
    void unrestrictedFilesystemLiftsPathRules() {
        Launcher.Result r = runlock.run("--unrestricted-filesystem", "--", "cat", secret.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("the secret\n");
    }

    @Test
    void infoLevelPrintsTheRulesetBeforeTheCommandRuns() {
        Launcher.Result r = runlock.run("--log-level", "info", "--ro", "/usr", "--", "cat", secret.toString());
        assertSecretDenied(r);
        List<String> err = r.errLines();
        assertThat(err).contains("runlock: enforcement: " + DefaultSandbox.enforcement(host),
                "runlock: " + DefaultSandbox.network(host));
        if (landlock()) {
            assertThat(err).contains("runlock:   /usr/  ro  [--ro]");
        }
    }

    @Test
    void withoutAutoImportExecveFailsWithADiagnosisNamingTheFileAndTheFlag() {
        assumeTrue(landlock(), "without Landlock nothing is denied: no diagnosis to give");
        Launcher.Result r = runlock.run("-d", "--ro", "/etc", "--", "cat", "/etc/os-release");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLinesBesideTheAbiWarning()).containsExactly("runlock: error: cannot execute /usr/bin/cat: "
                + "permission denied: the sandbox does not allow execute and read on /usr/bin/cat (the command); "
                + "grant it with --rox /usr/bin/cat or leave auto-import on (no -d)");
    }

    @Test
    void theDiagnosisNamesAMissingElfInterpreter() {
        assumeTrue(landlock(), "without Landlock nothing is denied: no diagnosis to give");
        Launcher.Result r = runlock.run("-d", "--rox", "/usr/bin/true", "--", "true");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.errLinesBesideTheAbiWarning()).singleElement().asString()
                .startsWith("runlock: error: cannot execute /usr/bin/true: permission denied")
                .contains("(its ELF interpreter); grant it with --rox ");
    }

    @Test
    void theDiagnosisNamesAMissingScriptInterpreter() throws IOException {
        assumeTrue(landlock(), "without Landlock nothing is denied: no diagnosis to give");
        Path script = Files.writeString(dir.resolve("hello.sh"), "#!/bin/sh\necho hello\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Launcher.Result r = runlock.run("-d", "--rox", dir.toString(), "--", script.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.errLinesBesideTheAbiWarning()).containsExactly("runlock: error: cannot execute " + script
                + ": permission denied: the sandbox does not allow execute and read on /bin/sh "
                + "(its script interpreter); grant it with --rox /bin/sh or leave auto-import on (no -d)");
        Launcher.Result imported = runlock.run("--rox", dir.toString(), "--", script.toString());
        assertThat(imported.status()).as(imported.err()).isZero();
        assertThat(imported.out()).isEqualTo("hello\n");
    }

    @Test
    void aCommandNotFoundIsOneLineAndStatus1() {
        runlock.run("--ro", "/usr", "runlock-no-such-command", "x").assertRefused("runlock-no-such-command",
                "not found");
    }

    @Test
    void aBadOptionIsOneLineAndStatus1() {
        runlock.run("--bind-tcp", "http", "true").assertRefused("--bind-tcp", "'http'");
        runlock.run("--frobnicate", "true").assertRefused("'--frobnicate'");
    }

    @Test
    void theCommandsExitStatusIsPassedThrough() {
        assertThat(runlock.run("--", "sh", "-c", "exit 42").status()).isEqualTo(42);
        assertThat(runlock.run("false").status()).isEqualTo(1);
        assertThat(runlock.run("true").status()).isZero();
    }

    @Test
    void noVariableOfTheCallerMakesRunlockSkipTheCommand() {
        runlock.environment().put("RUNLOCK_AOT_TRAINING", "1");
        runlock.environment().put("JDK_JAVA_OPTIONS", "-Drunlock.aot.training=true");
        Launcher.Result r = runlock.run("--", "sh", "-c", "echo ran; exit 7");
        assertThat(r.status()).as(r.err()).isEqualTo(7);
        assertThat(r.out()).isEqualTo("ran\n");
    }

    @Test
    void theRootDirectoryAsCommandIsOneLineAndStatus1() {
        runlock.run("--", "/").assertRefused("/: is a directory");
        runlock.run("--", "//").assertRefused("//: is a directory");
    }

    @Test
    void deathBySignalIsPassedThrough() {
        Launcher.Result r = runlock.run("--", "sh", "-c", "kill -TERM $$");
        assertThat(r.status()).isEqualTo(128 + 15);
        assertThat(r.errLinesBesideTheAbiWarning()).isEmpty();
    }

    @Test
    void argumentsReachTheCommandUntouched() {
        List<String> args = List.of("a b", "\"quoted\"", "it's", "ü€ 日本", "--", "--ro", "", "$HOME", "*", "a\tb",
                "-d");
        List<String> command = new ArrayList<>(List.of("--", "sh", "-c",
                "for a; do printf '<%s>\\n' \"$a\"; done", "argv0"));
        command.addAll(args);
        Launcher.Result r = runlock.run(command.toArray(String[]::new));
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out().lines()).containsExactlyElementsOf(args.stream().map(a -> "<" + a + ">").toList());
    }

    @Test
    void nonAsciiPathsCanBeGranted() throws IOException {
        Path file = Files.writeString(Files.createDirectory(dir.resolve("données €")).resolve("é.txt"), "ok\n");
        Launcher.Result r = runlock.run("--ro", file.getParent().toString(), "--", "cat", file.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("ok\n");
    }

    @Test
    void nonAsciiArgumentsAndVariablesSurviveACLocale() {
        runlock.environment().remove("LANG");
        runlock.environment().put("GREETING", "grüß");
        Launcher.Result r = runlock.run("--env", "GREETING", "--", "sh", "-c", "printf '%s %s\\n' \"$GREETING\" \"$1\"",
                "argv0", "ü€");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("grüß ü€\n");
    }

    @Test
    void nonAsciiPathsCanBeGrantedInACLocale() throws IOException {
        runlock.environment().remove("LANG");
        Path file = Files.writeString(Files.createDirectory(dir.resolve("données")).resolve("é.txt"), "ok\n");
        Launcher.Result r = runlock.run("--ro", file.getParent().toString(), "--", "cat", file.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("ok\n");
    }

    @Test
    void onlyTheVariablesNamedByEnvReachTheCommand() {
        runlock.environment().put("SECRET_TOKEN", "s3cret");
        Launcher.Result r = runlock.run("--env", "HOME", "--env", "GREETING=hi there", "--env", "RUNLOCK_UNSET",
                "--", "env");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out().lines()).containsExactlyInAnyOrder("HOME=/root", "GREETING=hi there");
        assertThat(r.errLinesBesideTheAbiWarning())
                .containsExactly("runlock: warning: --env RUNLOCK_UNSET: not set in runlock's environment, not passed");
    }

    @Test
    void stdinReachesTheCommand() {
        Launcher.Result r = runlock.stdin(secret).run("cat");
        assertThat(r.out()).isEqualTo("the secret\n");
    }

    @Test
    void keepFdKeepsTheNamedDescriptorAndClosesTheOthers() {
        String probe = "for fd in 5 6; do if (: <&$fd) 2>/dev/null; then echo $fd:open; else echo $fd:closed; fi; done;"
                + " read -r line <&5 && echo \"5:$line\"";
        runlock.via("exec 5<\"" + secret + "\" 6<\"" + secret + "\"; exec \"$0\" \"$@\"");
        Launcher.Result kept = runlock.run("--keep-fd", "5", "--rw", "/dev/null", "--", "sh", "-c", probe);
        assertThat(kept.out().lines()).as(kept.err()).containsExactly("5:open", "6:closed", "5:the secret");

        Launcher.Result closed = runlock.run("--rw", "/dev/null", "--", "sh", "-c", probe);
        assertThat(closed.out().lines()).as(closed.err()).startsWith("5:closed", "6:closed");
    }

    @Test
    void keepFdRefusesADescriptorTheCallerDidNotPass() {
        runlock.run("--keep-fd", "3", "--", "true").assertRefused("--keep-fd", "3");
    }

    @Test
    void tcpBindIsDeniedUnlessGrantedOrThePinnedAbiPredatesTcpRules() {
        MachineCapability.PYTHON3.assume("the case runs its probe with it");
        Launcher.Result denied = runlock.run("--ro", "/usr", "--", PYTHON, "-c", BIND_ANY_PORT);
        if (host.atLeast(Abi.V4)) {
            assertThat(denied.status()).isEqualTo(1);
            assertThat(denied.err()).contains("PermissionError");
        } else {
            assertThat(denied.out()).as("TCP rules need ABI 4; %s", denied.err()).isEqualTo("bound\n");
        }

        Launcher.Result granted = runlock.run("--bind-tcp", "0", "--ro", "/usr", "--", PYTHON, "-c", BIND_ANY_PORT);
        assertThat(granted.out()).as(granted.err()).isEqualTo("bound\n");

        Launcher.Result abi3 = runlock.run("--abi", "3", "--ro", "/usr", "--", PYTHON, "-c", BIND_ANY_PORT);
        assertThat(abi3.out()).as(abi3.err()).isEqualTo("bound\n");
        assertWarning(abi3.errLines(), Abi.V3);
    }

    @Test
    void hardCompatRefusesWhatTheKernelLacksWithoutRunningTheCommand() {
        Launcher.Result r = runlock.run("--compat", "hard", "--bind-udp", "53", "--", "sh", "-c", "echo ran");
        if (!landlock()) {
            r.assertRefused("(required by --compat hard)");
        } else if (host.atLeast(Abi.V10)) {
            assertThat(r.out()).as(r.err()).isEqualTo("ran\n");
        } else {
            r.assertRefused("Landlock " + host + " lacks", "UDP (ABI 10)", "required by --compat hard");
        }
    }

    @Test
    void softCompatRunsUnsandboxedWithAWarningWhenAGrantCannotBeEnforced() {
        assertSoft(runlock.run("--compat", "soft", "--connect-udp", "53", "--ro", "/usr", "--", "cat",
                secret.toString()), host.atLeast(Abi.V10));
        assertSoft(runlock.run("--compat", "soft", "--ro", "/usr", "--", "cat", secret.toString()),
                host.atLeast(Abi.baseline()));
    }

    /** A soft requirement: sandboxed and quiet where {@code met}, else unsandboxed with one warning. */
    private void assertSoft(Launcher.Result r, boolean met) {
        if (met) {
            assertThat(r.status()).as(r.err()).isEqualTo(1);
            assertThat(r.errLines()).containsExactly("cat: " + secret + ": Permission denied");
            return;
        }
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("the secret\n");
        assertThat(r.errLines()).singleElement().asString().startsWith("runlock: warning: sandbox NOT enforced: ");
    }

    @Test
    void aDefaultRunWarnsOnlyBelowTheBaselineAndAGrantAboveTheKernelWarnsInOneLine() {
        assertWarning(runlock.run("true").errLines(), Abi.baseline());
        assertWarning(runlock.run("--abi", "7", "true").errLines(), Abi.V7);
        assertThat(runlock.run("--log-level", "error", "--connect-udp", "53", "true").err()).isEmpty();
        if (landlock() && !host.atLeast(Abi.V10)) {
            assertThat(runlock.run("--connect-udp", "53", "true").errLines()).containsExactly(
                    "runlock: warning: sandbox partially enforced on Landlock " + host + ": not restricted: "
                            + String.join(", ", Stream.concat(DefaultSandbox.lacking(host, Abi.baseline()).stream(),
                                    Stream.of("UDP (ABI 10)")).toList())
                            + "; dropped: --connect-udp 53 needs UDP (ABI 10)");
        }
        if (landlock() && !host.atLeast(Abi.V9)) {
            assertThat(runlock.run("--unix", secret.toString(), "true").errLines()).singleElement().asString()
                    .startsWith("runlock: warning: sandbox partially enforced on Landlock " + host + ": not restricted: ")
                    .contains("pathname UNIX socket connect (ABI 9); dropped: --unix " + secret + " needs");
        }
        List<String> quiet = DefaultSandbox.quiet(host);
        if (landlock() && !quiet.isEmpty()) {
            assertThat(runlock.run("--log-level", "info", "true").errLines()).contains("runlock: no warning:  "
                    + String.join(", ", quiet) + " (above the " + Abi.baseline() + " baseline, asked for by nothing)");
        }
    }

    @Test
    void hardCompatRunsOnTheBaselineButRefusesAGrantAboveTheKernelOrThePin() {
        HostAbi.assumeAtLeast(7, "the pins below need a kernel at or above them");
        assertThat(runlock.run("--strict", "--", "sh", "-c", "echo ran").out()).isEqualTo("ran\n");
        if (!host.atLeast(Abi.V10)) {
            runlock.run("--strict", "--connect-udp", "53", "--", "sh", "-c", "echo ran").assertRefused(
                    "Landlock " + host + " lacks UDP (ABI 10)", "--connect-udp 53", "required by --compat hard");
        }
        runlock.run("--abi", "7", "--strict", "--connect-udp", "53", "--", "sh", "-c", "echo ran").assertRefused(
                "--connect-udp 53 needs UDP (ABI 10)");
        runlock.run("--abi", "6", "--strict", "--log-enable-subprocesses", "--", "sh", "-c", "echo ran").assertRefused(
                "Landlock ABI 6 (pinned by --abi) lacks audit log flags (ABI 7)");
        runlock.run("--abi", "3", "--strict", "--bind-tcp", "80", "--", "sh", "-c", "echo ran").assertRefused(
                "--bind-tcp 80 needs TCP (ABI 4)");
    }

    @Test
    void aPresetsRuleAboveThePinEarnsNoWarningAndStrictAcceptsIt() {
        HostAbi.assumeAtLeast(7, "the pin below needs a kernel at or above it");
        Launcher.Result dns = runlock.run("--abi", "7", "--preset", "dns", "--", "sh", "-c", "echo ran");
        assertThat(dns.out()).isEqualTo("ran\n");
        assertThat(dns.err()).isEmpty();
        Launcher.Result maven = runlock.run("--abi", "7", "--strict", "--preset", "maven", "--", "sh", "-c", "echo ran");
        assertThat(maven.out()).as(maven.err()).isEqualTo("ran\n");
        assertThat(runlock.run("--explain", "--abi", "7", "--preset", "dns", "true").out().lines())
                .contains("optional:    preset dns 53 needs UDP (ABI 10) (not enforceable here; a preset's, so no warning)");
        // Control: the same port given by the user is owed (hardCompatRunsOnTheBaseline... refuses it under --strict).
        assertThat(runlock.run("--abi", "7", "--connect-udp", "53", "--", "sh", "-c", "echo ran").err())
                .contains("dropped: --connect-udp 53 needs UDP (ABI 10)");
    }

    @Test
    void explainListsEachDroppedRule() {
        Launcher.Result r = runlock.run("--explain", "--abi", "7", "--connect-udp", "53,5353", "true");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out().lines()).contains("dropped:     --connect-udp 53 needs UDP (ABI 10)",
                "dropped:     --connect-udp 5353 needs UDP (ABI 10)")
                // On a kernel above the pin the headline goes on to say what the pin lifts.
                .anyMatch(line -> line.startsWith("enforcement: partially enforced"));
    }

    @Test
    void sandboxConfigNamesTheFileAndAnUntrustedOneIsRefused() throws IOException {
        Path config = Files.writeString(dir.resolve("policy.toml"), "[cat]\nro = [\"" + secret + "\"]\n");
        runlock.environment().put("SANDBOX_CONFIG", config.toString());
        assertThat(runlock.run("cat", secret.toString()).out()).isEqualTo("the secret\n");

        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-rw-rw-"));
        runlock.run("cat", secret.toString()).assertRefused(config.toString(), "writable by group or others");
    }

    @Test
    void statusJsonAgreesWithTheIndependentProbe() {
        Launcher.Result r = runlock.run("status", "--json");
        assertThat(r.status()).isZero();
        assertThat(MiniJson.parse(r.out())).asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("abi", (long) host.number()).containsEntry("reported_abi", (long) reportedAbi)
                .satisfies(status -> assertThat(status.get("landlock").equals("enabled")).isEqualTo(landlock()));
    }

    @Test
    void theLauncherSaysHowToBuildWhenTheJarIsMissing() throws IOException {
        Path root = Files.createDirectories(dir.resolve("checkout/scripts"));
        Files.copy(Launcher.SCRIPT, root.resolveSibling("runlock"));
        Files.copy(Launcher.ROOT.resolve("scripts/find-jdk.sh"), root.resolve("find-jdk.sh"));
        Launcher.Result r = new Launcher(dir).via("exec \"" + root.resolveSibling("runlock") + "\" \"$@\"")
                .run("true");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.errLines()).containsExactly("runlock: " + root.resolveSibling("cli/target/runlock.jar")
                + " is not built; run: ./mvnw -q -DskipTests package");
    }
}
