package dev.runlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code --log-level} and its variables. Each run provokes one warning (an unset {@code --env}
 * variable) and one info line (which {@code sandbox.toml} section is used), so the level shows.
 */
class LogLevelTest {
    private static final String WARNING = "runlock: warning: --env RUNLOCK_TEST_UNSET: not set";

    private Map<String, String> env;
    private String infoLine;

    @BeforeEach
    void configFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("sandbox.toml"), "[true]\nro = [\"/etc\"]\n");
        env = CliRun.configuredBy(file);
        infoLine = "runlock: using " + file + " (named by SANDBOX_CONFIG) section [true]";
    }

    private CliRun run(String... options) {
        String[] args = new String[options.length + 3];
        System.arraycopy(options, 0, args, 0, options.length);
        args[options.length] = "--env";
        args[options.length + 1] = "RUNLOCK_TEST_UNSET";
        args[options.length + 2] = "true";
        return CliRun.with(env, args).assertExplained();
    }

    private void assertShows(CliRun run, boolean warnings, boolean info) {
        assertThat(run.err().contains(WARNING)).as("warning shown; stderr: %s", run.err()).isEqualTo(warnings);
        assertThat(run.errLines().contains(infoLine)).as("info shown; stderr: %s", run.err()).isEqualTo(info);
    }

    @ParameterizedTest(name = "--log-level {0}")
    @CsvSource({"error, false, false", "warn, true, false", "info, true, true", "debug, true, true",
        "INFO, true, true", "Warn, true, false"})
    void theFlagSetsWhatIsShown(String level, boolean warnings, boolean info) {
        assertShows(run("--log-level", level), warnings, info);
    }

    @Test
    void warnIsTheDefault() {
        assertShows(run(), true, false);
    }

    @ParameterizedTest
    @CsvSource({"LANDRUN_LOG_LEVEL", "RUNLOCK_LOG_LEVEL"})
    void eitherVariableSetsTheLevel(String variable) {
        env.put(variable, "info");
        assertShows(run(), true, true);
        env.put(variable, "error");
        assertShows(run(), false, false);
    }

    @Test
    void runlocksVariableWinsOverLandrunsAndTheFlagOverBoth() {
        env.put("LANDRUN_LOG_LEVEL", "info");
        env.put("RUNLOCK_LOG_LEVEL", "error");
        assertShows(run(), false, false);
        assertShows(run("--log-level", "info"), true, true);
    }

    @Test
    void anEmptyVariableCountsAsUnset() {
        env.put("RUNLOCK_LOG_LEVEL", "");
        env.put("LANDRUN_LOG_LEVEL", "info");
        assertShows(run(), true, true);
    }

    @ParameterizedTest
    @CsvSource({"LANDRUN_LOG_LEVEL", "RUNLOCK_LOG_LEVEL"})
    void aBadVariableIsRefusedByName(String variable) {
        env.put(variable, "loud");
        CliRun.with(env, "true").assertRefused(variable, "'loud'");
    }

    @Test
    void theFlagOverridesABadVariable() {
        env.put("RUNLOCK_LOG_LEVEL", "loud");
        assertShows(run("--log-level", "error"), false, false);
    }
}
