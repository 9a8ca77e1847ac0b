package dev.runlock.containers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * The conformance runner's own cases in each userland, as uid 1000 without capabilities (the
 * runner on the host covers root; one run takes minutes, so the matrix runs it once per userland).
 */
class ConformanceIT extends MatrixSuite {
    private static final String SUBSET = "own";

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
        assertThat(failed).as("conformance cases that failed (exit %d, stderr %s)", run.exit(), run.stderr().strip())
                .isEmpty();
        assertThat(run.exit()).as("conformance --subset %s: %s", SUBSET, run).isZero();
        return summary;
    }
}
