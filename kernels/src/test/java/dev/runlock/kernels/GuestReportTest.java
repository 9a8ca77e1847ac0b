package dev.runlock.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuestReportTest {

    private static final String CONSOLE = """
            [    0.000000] Linux version 6.1.0-50-amd64
            @@kernels case boot pass 4100 kernel 6.1.0-50-amd64\r
            @@kernels abi 2
            @@kernels errata 0xf
              | runlock: warning: sandbox partially enforced on Landlock ABI 2: not restricted: truncate (ABI 3)
            @@kernels case best-effort-warning pass 1200 exit 0; runlock: warning: ...
            @@kernels case strict-refusal fail 900 exit 0; no error line
            @@kernels case conformance skip 200 conformance.jar not built
            @@kernels done
            """;

    @Test
    void readsAbiCasesAndCompletion() {
        GuestReport report = GuestReport.parse(CONSOLE);

        assertThat(report.abi()).hasValue(2);
        assertThat(report.errata()).hasValue(0xF);
        assertThat(report.finished()).isTrue();
        assertThat(report.cases()).containsExactly(
                new CaseResult("boot", CaseStatus.PASS, Duration.ofMillis(4100), "kernel 6.1.0-50-amd64"),
                new CaseResult("best-effort-warning", CaseStatus.PASS, Duration.ofMillis(1200),
                        "exit 0; runlock: warning: ..."),
                new CaseResult("strict-refusal", CaseStatus.FAIL, Duration.ofMillis(900), "exit 0; no error line"),
                new CaseResult("conformance", CaseStatus.SKIP, Duration.ofMillis(200), "conformance.jar not built"));
    }

    @Test
    void noLandlockProbeStillGivesAnAbi() {
        assertThat(GuestReport.parse("@@kernels abi 0 (ENOSYS: no Landlock)\n").abi()).hasValue(0);
    }

    @Test
    void cutOffRunIsUnfinishedAndKeepsTheTail() {
        GuestReport report = GuestReport.parse("booting\nmounting\n@@kernels abi 6\n");

        assertThat(report.finished()).isFalse();
        assertThat(report.tail(2)).containsExactly("mounting", "@@kernels abi 6");
    }

    @Test
    void garbledMarkerLineCountsAsFailure() {
        List<CaseResult> cases = GuestReport.parse("@@kernels case status-json pa[  3.1] usb 1-1\n").cases();

        assertThat(cases).singleElement().satisfies(result -> {
            assertThat(result.status()).isEqualTo(CaseStatus.FAIL);
            assertThat(result.detail()).contains("status-json pa[");
        });
    }

    @Test
    void timeoutIsJudgedWithTheLastConsoleLines() {
        KernelSpec spec = new KernelSpec("sid", new KernelSource.Host(), 10);
        GuestReport report = GuestReport.parse("@@kernels abi 10\nstuck here\n");

        KernelOutcome outcome = KernelOutcome.judge(spec, List.of(), "qemu TCG", Duration.ofSeconds(5), Duration.ofSeconds(4), report, true);

        assertThat(outcome.passed()).isFalse();
        assertThat(outcome.problems()).singleElement().asString()
                .startsWith("no result within the time limit; last console lines:")
                .contains("stuck here");
    }

    @Test
    void wrongAbiIsAProblem() {
        KernelSpec spec = new KernelSpec("trixie", new KernelSource.Host(), 6);
        GuestReport report = GuestReport.parse("@@kernels abi 5\n@@kernels done\n");

        assertThat(KernelOutcome.judge(spec, List.of(), "host", Duration.ZERO, Duration.ZERO, report, false).problems())
                .containsExactly("Landlock ABI 5, expected 6");
    }
}
