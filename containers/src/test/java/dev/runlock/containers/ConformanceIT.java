package dev.runlock.containers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;

/**
 * The conformance runner's own cases in each userland, as uid 1000 without capabilities (the
 * runner on the host covers root; one run takes minutes, so the matrix runs it once per userland).
 */
class ConformanceIT extends MatrixSuite {
    private static final String SUBSET = "own";
    /**
     * Cases that grant only /usr (and /lib, /lib64) and so cannot run bullseye's /bin/ls and
     * /bin/bash: the runner assumes a usr-merged userland there. A skip while they fail, not a pass.
     */
    private static final Map<Userland, Set<String>> USR_MERGED_ONLY = Map.of(Userland.BULLSEYE, Set.of("R07", "R13", "R15"));

    ConformanceIT() {
        super("Conformance runner (--subset " + SUBSET + ") inside each userland",
                List.of(Confinement.UNPRIVILEGED));
    }

    @Override
    List<Case> cases() {
        return List.of(new Case("conformance --subset " + SUBSET, ConformanceIT::conformance));
    }

    private static String conformance(Guest guest) {
        Install install = Install.fromSystemProperties();
        Path jar = install.conformanceJar();
        Assumptions.assumeTrue(Files.isReadable(jar), () -> jar + " is not built (module conformance-landrun)");
        Outcome run = guest.java(Guest.SUITE_TIMEOUT, "-jar", guest.copyIn(jar, "/opt/probe/conformance.jar"),
                "--impl", "runlock", "--binary", install.launcher().toString(), "--subset", SUBSET,
                "--report", "/tmp/conformance");
        String summary = run.stdout().lines().reduce((first, last) -> last).orElse("");
        List<String> failed = run.stdout().lines().filter(line -> line.startsWith("FAIL"))
                .map(line -> line.substring("FAIL".length()).strip().split("\\s+")[0]).toList();
        Set<String> known = USR_MERGED_ONLY.getOrDefault(guest.userland(), Set.of());
        assertThat(failed).as("conformance cases that failed (exit %d, stderr %s)", run.exit(), run.stderr().strip())
                .allMatch(known::contains);
        if (!failed.isEmpty()) {
            Assumptions.abort("known runner gap, cases that grant only /usr on a userland that is not usr-merged: "
                    + failed + "; " + summary);
        }
        assertThat(run.exit()).as("conformance --subset %s: %s", SUBSET, run).isZero();
        return summary;
    }
}
