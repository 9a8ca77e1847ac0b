package dev.runlock.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class MatrixTest {

    @Test
    void recordsEachOutcomeAndRethrowsFailures() throws Throwable {
        Matrix matrix = new Matrix();
        matrix.record("S", "bullseye (root)", "a", () -> "11.11");
        assertThatThrownBy(() -> matrix.record("S", "bullseye (root)", "b", () -> {
            throw new AssertionError("[cat] expected 0\nbut was 1");
        })).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> matrix.record("S", "sid (root)", "c", () -> {
            throw new TestAbortedException("jar not built");
        })).isInstanceOf(TestAbortedException.class);

        assertThat(matrix.markdown())
                .contains("| userland | a | b | c |")
                .containsPattern("\\| bullseye \\(root\\) \\| pass: 11\\.11 \\(\\d+ ms\\) \\| FAIL: \\[cat\\] expected 0 but was 1 \\(\\d+ ms\\) \\| - \\|")
                .containsPattern("\\| sid \\(root\\) \\| - \\| - \\| skip: jar not built \\(\\d+ ms\\) \\|")
                .contains("Total: 1 pass, 1 FAIL, 1 skip.");
        assertThat(matrix.json()).contains("{\"case\": \"b\", \"status\": \"fail\", \"note\": \"[cat] expected 0 but was 1\"");
    }

    @Test
    void escapesWhatWouldBreakTheTables() throws Throwable {
        Matrix matrix = new Matrix();
        matrix.record("S", "trixie (root)", "x", () -> "a|b \"q\"");
        assertThat(matrix.markdown()).contains("pass: a\\|b \"q\"");
        assertThat(matrix.json()).contains("\"note\": \"a|b \\\"q\\\"\"");
    }
}
