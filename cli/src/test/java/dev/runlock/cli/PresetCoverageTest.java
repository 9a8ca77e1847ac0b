package dev.runlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runlock.cli.preset.PresetContext;
import dev.runlock.cli.preset.Presets;
import dev.runlock.landlock.AccessNet;
import dev.runlock.sandbox.Intent;
import dev.runlock.sandbox.PathGrant;
import dev.runlock.sandbox.PortGrant;
import dev.runlock.sandbox.PortRange;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which presets grant what a run used, as {@code runlock learn} asks. */
class PresetCoverageTest {
    private static final PresetCoverage ALL = new PresetCoverage(Presets.builtIn().resolve(Presets.builtIn().names(),
            new PresetContext(Map.of("HOME", "/root", "PATH", "/usr/bin:/bin"), Optional.empty())));

    private static PathGrant path(String path, Intent intent) {
        return new PathGrant(Path.of(path), intent, "observed");
    }

    private static PortGrant port(AccessNet access, int port) {
        return new PortGrant(access, new PortRange(port, port), "observed");
    }

    @Test
    void aPathIsCoveredByThePresetsGrantingItOrADirectoryAboveWithAtLeastItsRights() {
        assertThat(ALL.covering(path("/dev/null", Intent.RW))).containsExactly("dev");
        assertThat(ALL.covering(path("/dev/urandom", Intent.RW))).isEmpty();
        assertThat(ALL.covering(path("/etc/ssl/certs/ca-certificates.crt", Intent.RO))).containsExactly("tls");
        assertThat(ALL.covering(path("/usr/bin/make", Intent.ROX))).containsExactly("tools");
        assertThat(ALL.covering(path("/etc/shadow", Intent.RO))).isEmpty();
    }

    @Test
    void thePresetGrantingTheNearestDirectoryComesFirst() {
        assertThat(ALL.covering(path("/usr/share/zoneinfo/Etc/UTC", Intent.RO))).first().isEqualTo("sysinfo");
        assertThat(ALL.covering(path("/usr/share/zoneinfo/Etc/UTC", Intent.RO))).last().isEqualTo("tools");
    }

    @Test
    void onlyAReadOnlyDirectoryStandsForWhatIsBelowIt() {
        assertThat(ALL.standingFor(path("/etc/ssl/certs/ca-certificates.crt", Intent.RO))).containsExactly("tls");
        assertThat(ALL.standingFor(path("/dev/null", Intent.RO))).containsExactly("dev");
        assertThat(ALL.standingFor(path("/tmp", Intent.RW))).containsExactly("tmp");
        assertThat(ALL.covering(path("/tmp/project/main.c", Intent.RO))).containsExactly("tmp");
        assertThat(ALL.standingFor(path("/tmp/project/main.c", Intent.RO))).isEmpty();
    }

    @Test
    void aPortIsCoveredByThePresetsGrantingThatAccessOnIt() {
        assertThat(ALL.covering(port(AccessNet.CONNECT_TCP, 53))).containsExactly("dns");
        assertThat(ALL.covering(port(AccessNet.CONNECT_TCP, 443))).containsExactly("maven", "gradle", "npm");
        assertThat(ALL.covering(port(AccessNet.BIND_TCP, 53))).isEmpty();
    }

    @Test
    void aVariableIsCoveredByThePresetsPassingItByNameOrPattern() {
        assertThat(ALL.coveringVariable("LC_TIME")).containsExactly("shell-env");
        assertThat(ALL.coveringVariable("SSH_AUTH_SOCK")).isEmpty();
    }
}
