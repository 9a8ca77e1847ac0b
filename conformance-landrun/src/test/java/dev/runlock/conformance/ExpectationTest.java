package dev.runlock.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class ExpectationTest {
    private static final Implementation RUNLOCK = new Implementation(Path.of("runlock"), Dialect.RUNLOCK);

    private static Target on(int host, Integer pin) {
        return new Target(RUNLOCK, host, pin == null ? OptionalInt.empty() : OptionalInt.of(pin));
    }

    @Test
    void tcpDenialIsExpectedOnlyWhereTcpIsEnforced() {
        Expectation denied = LandrunCases.tcpDenied(7);
        assertThat(denied.on(on(7, null)).status()).isEqualTo(7);
        assertThat(denied.on(on(7, 3)).status()).isZero();
        assertThat(denied.on(on(3, null)).status()).isZero();
        assertThat(denied.on(on(3, 7)).status()).as("a pin cannot raise the kernel's ABI").isZero();
    }

    @Test
    void hardCompatIsRefusedWhereWhatIsAskedForIsDroppedByKernelOrPin() {
        Expectation hard = Expectation.refusedWithout(Feature.UNIX, 0);
        assertThat(hard.on(on(7, null)).status()).isEqualTo(1);
        assertThat(hard.on(on(7, null)).checks()).extracting(Check::description).anyMatch(d -> d.contains("(ABI 9)"));
        assertThat(hard.on(on(7, 5)).status()).as("a pin below the rule drops it: refused too").isEqualTo(1);
        assertThat(hard.on(on(10, 7)).checks()).extracting(Check::description)
                .anyMatch(d -> d.contains("Landlock ABI 7") && d.contains("(ABI 9)"));
        assertThat(hard.on(on(10, null)).status()).isZero();
    }

    @Test
    void hardCompatOwesTheBaselineOrThePinButNothingAboveItThatWasNotAskedFor() {
        Expectation tcpRule = Expectation.refusedWithout(Feature.TCP, 0);
        assertThat(tcpRule.on(on(7, null)).status()).as("UDP and pathname sockets were not asked for").isZero();
        assertThat(tcpRule.on(on(5, null)).status()).as("the baseline lacks scopes").isEqualTo(1);
        assertThat(tcpRule.on(on(5, null)).checks()).extracting(Check::description).anyMatch(d -> d.contains("(ABI 6)"));
        assertThat(tcpRule.on(on(5, 4)).status()).as("the pin owes only ABI 4").isZero();
        assertThat(tcpRule.on(on(7, 9)).status()).as("the pin owes ABI 9").isEqualTo(1);
    }

    @Test
    void bestEffortWarnsWhereTheAskedFeatureIsDroppedOrTheBaselineIsMissing() {
        Expectation best = Expectation.degraded(Feature.UDP, 0);
        assertThat(best.on(on(7, null)).checks()).hasSize(1);
        assertThat(best.on(on(7, 4)).checks()).as("a pin below the rule drops it loudly").hasSize(1);
        assertThat(best.on(on(10, null)).checks()).isEmpty();
        assertThat(Expectation.degraded(Feature.TCP, 0).on(on(7, null)).checks()).as("ABI 7 holds the baseline").isEmpty();
        assertThat(Expectation.pinned(7, best).on(on(10, null)).checks()).extracting(Check::description)
                .singleElement().asString().contains("Landlock ABI 7", "(ABI 10)");
    }

    @Test
    void runlockDeviationsReplaceLandrunsExpectation() {
        Case noExec = LandrunCases.all().stream().filter(c -> c.id().equals("L12")).findFirst().orElseThrow();
        assertThat(noExec.expected(on(7, null)).status()).isZero();
        assertThat(noExec.expected(new Target(new Implementation(Path.of("landrun"), Dialect.LANDRUN), 7,
                OptionalInt.empty())).status()).isEqualTo(1);
    }

    @Test
    void everyCaseOfTestShIsPortedOnceWithAUniqueId() {
        assertThat(LandrunCases.all()).hasSize(68);
        assertThat(Subset.ALL.cases(new Implementation(Path.of("runlock"), Dialect.RUNLOCK))).extracting(Case::id).doesNotHaveDuplicates();
        assertThat(OwnCases.all()).extracting(Case::id).as("own ids: literal, in order, none skipped")
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 100).mapToObj("R%02d"::formatted).toList());
    }
}
