package dev.runlock.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The kernel matrix ({@code mvn verify -Pkernels}): boots every kernel of {@code matrix.tsv}
 * one after the other, runs the guest script on it and checks what it reports.
 */
class KernelMatrixIT {

    private static final RunSettings SETTINGS = RunSettings.fromSystemProperties();
    private static final List<KernelOutcome> OUTCOMES = new ArrayList<>();

    @BeforeAll
    static void builtRunlock() {
        assertThat(Files.isReadable(SETTINGS.repo().resolve("cli/target/runlock.jar")))
                .as("runlock must be built first: ./mvnw -DskipTests package")
                .isTrue();
    }

    @TestFactory
    Stream<DynamicTest> kernels() {
        KernelRunner runner = new KernelRunner(SETTINGS);
        List<KernelSpec> matrix = KernelMatrix.read(SETTINGS.matrix());
        List<KernelSpec> selected = matrix.stream().filter(SETTINGS::selects).toList();
        assertThat(selected).as("kernels selected by -Dkernels.only=" + SETTINGS.only()).isNotEmpty();
        return selected.stream().map(spec -> DynamicTest.dynamicTest(spec.name() + " (ABI " + spec.expectedAbi() + ")",
                () -> {
                    GuestPlan plan = GuestPlan.of(spec, matrix, SETTINGS.full());
                    System.out.printf("[kernels] %s: %s, conformance %s%s ...%n", spec.name(), spec.origin(),
                            plan.subset(), plan.cliTests() ? ", RunlockIT" : "");
                    KernelOutcome outcome = runner.run(spec, plan);
                    OUTCOMES.add(outcome);
                    System.out.printf("[kernels] %s: %s in %d s on %s%n", spec.name(),
                            outcome.passed() ? "passed" : "FAILED", outcome.elapsed().toSeconds(), outcome.runOn());
                    assertThat(outcome.problems()).as(spec.name() + " (" + spec.origin() + ")").isEmpty();
                }));
    }

    @AfterAll
    static void report() {
        MatrixReport report = new MatrixReport(OUTCOMES);
        report.write(SETTINGS.target());
        System.out.println(report.markdown());
    }
}
