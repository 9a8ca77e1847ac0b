package dev.runlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
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

    @Test
    void statusShowsKernelAbiErrataAndEachFeature() throws IOException {
        CliRun run = succeeded(CliRun.of("status"));
        assertThat(run.line("kernel:")).isEqualTo("kernel:    " + kernelRelease());
        assertThat(run.line("landlock:")).startsWith("landlock:  ");
        assertThat(run.line("errata:")).startsWith("errata:    ");
        List<String> features = run.outLines().stream().filter(l -> l.matches("  (yes|no) +.*")).toList();
        assertThat(features).hasSize(Features.all().size());
        assertThat(features).anyMatch(l -> l.contains("TCP") && l.contains("ABI 4, Linux 6.7"))
                .anyMatch(l -> l.contains("UDP") && l.contains("ABI 10"));
        if (Host.abi() > 0) {
            assertThat(run.line("landlock:")).isEqualTo("landlock:  enabled, ABI " + Host.abi());
        }
        assertThat(run.line("baseline:")).isEqualTo(Host.abi() >= 6
                ? "baseline:  ABI 6 met: runlock warns only when something asked for is missing"
                : "baseline:  ABI 6 NOT met: runlock warns on every run");
    }

    @Test
    @SuppressWarnings("unchecked")
    void statusJsonIsValidAndAgreesWithTheKernel() throws IOException {
        CliRun run = succeeded(CliRun.of("status", "--json"));
        assertThat(run.outLines()).hasSize(1);
        Map<String, Object> status = (Map<String, Object>) MiniJson.parse(run.out());

        assertThat(status).containsKeys("kernel", "landlock", "abi", "errata", "features");
        assertThat(status.get("kernel")).isEqualTo(kernelRelease());
        assertThat(status.get("landlock")).isIn("enabled", "disabled", "absent", "blocked");
        assertThat(status.get("abi")).isEqualTo((long) Host.abi());
        assertThat((Long) status.get("errata")).isNotNegative();
        if (Host.abi() == 0) {
            assertThat(status.get("landlock")).isNotEqualTo("enabled");
        }

        List<Map<String, Object>> features = (List<Map<String, Object>>) status.get("features");
        assertThat(features).hasSize(Features.all().size());
        assertThat(features).extracting(f -> f.get("name")).doesNotHaveDuplicates().contains("TCP", "UDP", "truncate");
        for (Map<String, Object> f : features) {
            long since = (Long) f.get("abi");
            assertThat(since).as("%s", f).isBetween(1L, 11L);
            assertThat(f.get("enforced")).as("%s", f).isEqualTo(since <= Host.abi());
        }
    }

    @Test
    void statusRefusesUnknownOptions() {
        CliRun.of("status", "--yaml").assertRefused("'--yaml'");
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

    @Test
    void versionNamesRunlockTheJavaRuntimeAndTheKernelsAbi() {
        String kernel = succeeded(CliRun.of("status", "--json")).out();
        String abi = kernel.replaceAll("(?s).*\"reported_abi\": (\\d+).*", "$1");
        for (String version : List.of("-V", "--version")) {
            assertThat(succeeded(CliRun.of(version)).out()).matches("runlock \\S+ \\(Landlock ABI 1-11\\)\n"
                    + "java:    " + Pattern.quote(Runtime.version().toString()) + " \\(.+\\) in "
                    + Pattern.quote(System.getProperty("java.home")) + "\n"
                    + "kernel:  \\S+, Landlock (ABI " + abi + "|absent|disabled|blocked)\n");
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
