package dev.runlock.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run by root, the command starts without capabilities: {@code mknod} of a block device in a
 * granted writable directory (the raw disk) fails, beside a control with
 * {@code --keep-capabilities} where it works.
 */
class CapabilitiesIT {
    private static final String PROBE = """
            grep -E '^Cap(Inh|Prm|Eff|Bnd|Amb):' /proc/self/status
            mknod "$1/sda" b 8 0 && echo mknod=OK || echo mknod=failed
            """;

    @TempDir
    Path dir;

    private Launcher runlock;

    @BeforeEach
    void setUp() {
        assumeTrue("root".equals(System.getProperty("user.name")), "dropping capabilities shows only when run by root");
        runlock = new Launcher(dir);
    }

    private Launcher.Result probe(String... options) throws IOException {
        String granted = Files.createTempDirectory(dir, "rw").toString();
        List<String> args = new ArrayList<>(List.of(options));
        args.addAll(List.of("--rox", "/usr", "--ro", "/proc", "--rw", granted, "--", "sh", "-c", PROBE, "sh", granted));
        return runlock.run(args.toArray(String[]::new));
    }

    @Test
    void theCommandHasNoCapabilitiesAndCannotMakeADevice() throws IOException {
        Launcher.Result dropped = probe();
        Launcher.Result kept = probe("--keep-capabilities");

        assertThat(dropped.status()).as("stderr: %s", dropped.err()).isZero();
        assertThat(dropped.out().lines()).containsExactly("CapInh:\t0000000000000000", "CapPrm:\t0000000000000000",
                "CapEff:\t0000000000000000", "CapBnd:\t0000000000000000", "CapAmb:\t0000000000000000", "mknod=failed");
        assertThat(dropped.err()).endsWith("Operation not permitted\n");
        assertThat(kept.out()).as("the control, stderr: %s", kept.err()).contains("mknod=OK")
                .doesNotContain("CapEff:\t0000000000000000", "CapBnd:\t0000000000000000");
    }
}
