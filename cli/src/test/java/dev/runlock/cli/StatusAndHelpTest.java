package dev.runlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runlock.landlock.Abi;
import dev.runlock.testkit.HostAbi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** {@code runlock status [--json]}, {@code -h} and {@code -V}. */
class StatusAndHelpTest {

    private static String kernelRelease() throws IOException {
        return Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim();
    }

    private static CliRun succeeded(CliRun run) {
        assertThat(run.status()).as("status; stderr: %s", run.err()).isZero();
        assertThat(run.err()).isEmpty();
        return run;
    }

    @ParameterizedTest(name = "kernel {0}")
    @EnumSource(Abi.class)
    void statusShowsKernelAbiErrataAndEachFeature(Abi abi) throws IOException {
        CliRun run = succeeded(CliRun.on(abi).exactly(CliRun.baseEnvironment(), "status"));
        assertThat(run.line("kernel:")).isEqualTo("kernel:       " + kernelRelease());
        assertThat(run.line("landlock:")).isEqualTo(abi == Abi.NONE ? "landlock:     absent - this kernel has no Landlock "
                + "(ENOSYS): it needs Linux 5.13 or newer built with CONFIG_SECURITY_LANDLOCK"
                : "landlock:     enabled, ABI " + abi.number());
        assertThat(run.line("errata:")).isEqualTo(abi == Abi.NONE ? "errata:       -" : "errata:       0x0");
        List<String> features = run.outLines().stream().filter(l -> l.matches("  (yes|no) +.*")).toList();
        assertThat(features).hasSize(Features.all().size());
        assertThat(features).anyMatch(l -> l.contains("TCP") && l.contains("ABI 4, Linux 6.7"))
                .anyMatch(l -> l.contains("UDP") && l.contains("ABI 10"));
        assertThat(features).allSatisfy(l -> assertThat(l.startsWith("  yes")).as(l)
                .isEqualTo(abi.atLeast(Abi.parse(l.replaceAll(".* ABI (\\d+), Linux .*", "$1")))));
        assertThat(run.line("baseline:")).isEqualTo(abi.atLeast(Abi.baseline())
                ? "baseline:     ABI 6 met: runlock warns only when something asked for is missing"
                : "baseline:     ABI 6 NOT met: runlock warns on every run");
    }

    @ParameterizedTest(name = "kernel {0}")
    @EnumSource(Abi.class)
    void statusJsonIsValidAndSaysWhatTheKernelEnforces(Abi abi) throws IOException {
        Map<String, Object> status = statusJson(CliRun.on(abi));
        assertThat(status.get("kernel")).isEqualTo(kernelRelease());
        assertThat(status.get("landlock")).isEqualTo(abi == Abi.NONE ? "absent" : "enabled");
        assertThat(status.get("abi")).isEqualTo((long) abi.number());
        assertThat(status.get("reported_abi")).isEqualTo((long) abi.number());
        assertThat(status.get("errata")).isEqualTo(0L);

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> features = (List<Map<String, Object>>) status.get("features");
        assertThat(features).hasSize(Features.all().size());
        assertThat(features).extracting(f -> f.get("name")).doesNotHaveDuplicates().contains("TCP", "UDP", "truncate");
        for (Map<String, Object> f : features) {
            long since = (Long) f.get("abi");
            assertThat(since).as("%s", f).isBetween(1L, (long) Abi.newest().number());
            assertThat(f.get("enforced")).as("%s", f).isEqualTo(since <= abi.number());
        }
    }

    @Test
    void statusOnThisKernelAgreesWithTheIndependentProbe() {
        int host = HostAbi.checked();
        Map<String, Object> status = statusJson(CliRun.onThisKernel());
        assertThat(status.get("reported_abi")).isEqualTo((long) host);
        assertThat(status.get("abi")).isEqualTo((long) Abi.of(host).number());
        assertThat(status.get("landlock").equals("enabled")).as("landlock: %s", status.get("landlock")).isEqualTo(host > 0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> statusJson(CliRun.On kernel) {
        CliRun run = succeeded(kernel.exactly(CliRun.baseEnvironment(), "status", "--json"));
        assertThat(run.outLines()).hasSize(1);
        Map<String, Object> status = (Map<String, Object>) MiniJson.parse(run.out());
        assertThat(status).containsKeys("kernel", "landlock", "abi", "reported_abi", "errata", "reason", "mptcp",
                "unix_sockets", "capabilities", "features");
        return status;
    }

    @Test
    void statusRefusesUnknownOptions() {
        CliRun.on(Abi.newest()).exactly(CliRun.baseEnvironment(), "status", "--yaml").assertRefused("'--yaml'");
    }

    @Test
    void helpShowsUsageEveryOptionAndTheSubcommands() {
        for (String help : List.of("-h", "--help")) {
            CliRun run = succeeded(CliRun.of(help));
            assertThat(run.out()).startsWith("Usage: runlock [OPTIONS] [--] <COMMAND> [ARGS]...\n"
                    + "       runlock status [--json]\n"
                    + "       runlock trust [--list] [FILE]\n"
                    + "       runlock untrust [FILE]\n");
            assertThat(run.out()).contains("once you trust it (runlock trust)", "  trust ", "  untrust ");
            assertThat(run.out()).contains("--log-level", "--ro", "--rox", "--rw", "--rwx", "--unix", "--bind-tcp",
                    "--connect-tcp", "--bind-udp", "--connect-udp", "--env", "--[no-]unrestricted-filesystem",
                    "--[no-]unrestricted-network", "--[no-]unrestricted-scoped", "-d, --disable-auto-import",
                    "--add-exec", "--ldd", "--best-effort", "--compat", "--strict", "--abi", "--keep-fd",
                    "--[no-]ignore-missing", "--[no-]log-disable-originating", "--[no-]log-enable-subprocesses",
                    "--[no-]log-disable-subdomains", "--explain", "-h, --help", "-V, --version", "status",
                    "sandbox.toml", "SANDBOX_CONFIG", "RUNLOCK_LOG_LEVEL", "LANDRUN_LOG_LEVEL");
        }
    }

    @Test
    void everyOptionIsDescribed() {
        CommandLine cli = CommandModel.commandLine();
        for (OptionSpec option : cli.getCommandSpec().options()) {
            assertThat(String.join(" ", option.description())).as(option.longestName()).isNotBlank();
        }
    }

    @ParameterizedTest(name = "kernel {0}")
    @EnumSource(Abi.class)
    void versionNamesRunlockTheJavaRuntimeAndTheKernelsAbi(Abi abi) {
        for (String version : List.of("-V", "--version")) {
            assertThat(succeeded(CliRun.on(abi).of(version)).out()).matches("runlock \\S+ \\(Landlock ABI 1-"
                    + Abi.newest().number() + "\\)\n"
                    + "java:    " + Pattern.quote(Runtime.version().toString()) + " \\(.+\\) in "
                    + Pattern.quote(System.getProperty("java.home")) + "\n"
                    + "kernel:  \\S+, Landlock " + (abi == Abi.NONE ? "absent" : "ABI " + abi.number()) + "\n");
        }
    }

    @Test
    void statusHasItsOwnHelp() {
        assertThat(succeeded(CliRun.of("status", "-h")).out()).contains("--json");
    }

    @Test
    void trustAndUntrustHaveTheirOwnHelp() {
        assertThat(succeeded(CliRun.of("trust", "-h")).out()).startsWith("Usage: runlock trust [-hV] [--list] [FILE]")
                .contains("any change to it voids the trust");
        assertThat(succeeded(CliRun.of("untrust", "--help")).out()).startsWith("Usage: runlock untrust [-hV] [FILE]");
    }
}
