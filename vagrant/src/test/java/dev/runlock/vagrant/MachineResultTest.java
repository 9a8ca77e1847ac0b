package dev.runlock.vagrant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runlock.kernels.KernelSource;
import dev.runlock.kernels.KernelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a machine's lines from {@code vagrant up} are judged and reported. */
class MachineResultTest {

    private static final KernelSpec TRIXIE = new KernelSpec("trixie-6.12", new KernelSource.Debian("trixie", List.of()), 6);
    private static final Duration ELAPSED = Duration.ofSeconds(600);

    @TempDir
    Path dir;

    private Path log(int abi, String caseStatus, String verdict) throws IOException {
        return Files.writeString(dir.resolve("up.log"), """
                ==> trixie-6.12: Running provisioner: kernel matrix, ABI 6 (trixie-6.12, local box) (shell)...
                    trixie-6.12: kernel 6.12.117+deb13-amd64, expecting Landlock ABI 6
                    trixie-6.12: @@kernels abi %d
                    trixie-6.12: @@kernels errata 0xf
                    trixie-6.12: @@kernels case conformance %s 319965 subset features: exit 0
                    trixie-6.12: @@kernels done
                    trixie-6.12: %s
                """.formatted(abi, caseStatus, verdict));
    }

    @Test
    void passesWithTheRowsAbiEveryCasePassedAndThePassingVerdict() throws IOException {
        MachineResult result = MachineResult.judge(TRIXIE, log(6, "pass", "PASS: Landlock ABI 6 on 6.12.117+deb13-amd64"),
                OptionalInt.of(0), ELAPSED);

        assertThat(result.problems()).isEmpty();
        assertThat(result.json()).contains("\"machine\": \"trixie-6.12\"", "\"kernel\": \"6.12.117+deb13-amd64\"",
                "\"expectedAbi\": 6", "\"seenAbi\": 6", "\"passed\": true");
    }

    @Test
    void failsOnAnotherAbi() throws IOException {
        MachineResult result = MachineResult.judge(TRIXIE, log(5, "pass", "FAIL: kernel reports Landlock ABI 5, expected 6"),
                OptionalInt.of(1), ELAPSED);

        assertThat(result.problems()).contains("Landlock ABI 5, expected 6");
        assertThat(result.json()).contains("\"seenAbi\": 5", "\"passed\": false");
    }

    @Test
    void failsOnAFailedCase() throws IOException {
        MachineResult result = MachineResult.judge(TRIXIE, log(6, "fail", "FAIL: 1 case(s) failed"), OptionalInt.of(1), ELAPSED);

        assertThat(result.problems()).anyMatch(problem -> problem.startsWith("conformance failed"));
    }

    @Test
    void failsWithoutThePassingVerdictEvenIfTheReportLooksClean() throws IOException {
        MachineResult result = MachineResult.judge(TRIXIE, log(6, "pass", "Connection to the guest lost"), OptionalInt.of(1), ELAPSED);

        assertThat(result.problems()).singleElement().asString().startsWith("the provisioning did not pass (vagrant up exited 1");
    }

    @Test
    void failsWhenVagrantNeverRanOrRanOutOfTime() throws IOException {
        Path empty = Files.writeString(dir.resolve("up.log"), "");

        assertThat(MachineResult.judge(TRIXIE, empty, OptionalInt.empty(), ELAPSED).problems())
                .contains("vagrant up did not run", "the guest reported no Landlock ABI");
        assertThat(MachineResult.judge(TRIXIE, empty, OptionalInt.of(124), ELAPSED).problems())
                .anyMatch(problem -> problem.startsWith("no result within the time limit"));
        assertThat(MachineResult.judge(TRIXIE, empty, OptionalInt.of(124), ELAPSED).json()).contains("\"kernel\": null", "\"seenAbi\": null");
    }
}
