package dev.runlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runlock.landlock.Abi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text runlock did not get from the user's command line (a config file, the environment) is shown
 * with its terminal controls escaped, in error lines and on stdout alike; ordinary text is not.
 */
class HostileTextTest {
    private static final String ESC = "\u001b";

    @TempDir
    Path dir;

    /** {@code sandbox.toml} with {@code toml} in it, named by SANDBOX_CONFIG; the trust store under {@code dir}. */
    private Map<String, String> config(String toml) throws IOException {
        Map<String, String> env = CliRun.configuredBy(Files.writeString(dir.resolve("sandbox.toml"), toml));
        env.put("XDG_CONFIG_HOME", dir.resolve("xdg").toString());
        return env;
    }

    private static void assertNoControls(CliRun r) {
        assertThat(r.out() + r.err()).doesNotContain(ESC, "\u0007", "\u009b", "\u202e");
    }

    @Test
    void trustQuotesAnUntrustedFileWithoutLettingItDriveTheTerminal() throws IOException {
        Map<String, String> env = config("[\"\\u001b]0;PWN\\u0007\"]\nbogus = 1\n");
        CliRun r = CliRun.on(Abi.newest()).exactly(env, "trust", env.get("SANDBOX_CONFIG"))
                .assertRefused("unknown key 'bogus' in [\\x1b]0;PWN\\x07]");
        assertNoControls(r);
    }

    @Test
    void aConfigPathIsQuotedEscapedInTheErrorLine() throws IOException {
        CliRun r = CliRun.with(config("[true]\nro = [\"/nonexist\\u001b[31m\"]\n"), "true")
                .assertRefused("path does not exist: /nonexist\\x1b[31m");
        assertNoControls(r);
    }

    @Test
    void explainShowsConfigValuesEscapedAndOrdinaryNamesAsTheyAre() throws IOException {
        Path evil = Files.createDirectory(dir.resolve("évil\u202Etxt.sh"));
        Path plain = Files.createDirectory(dir.resolve("données 中文"));
        CliRun r = CliRun.with(config("[true]\nro = [\"" + evil + "\", \"" + plain + "\"]\n"
                + "env = [\"GREETING=\\u009b31mhi\"]\n"), "true").assertExplained();
        assertThat(r.rules("évil")).singleElement().asString().startsWith("  " + dir + "/évil\\u{202E}txt.sh/  ");
        assertThat(r.rules("données")).singleElement().asString().startsWith("  " + plain + "/  ");
        assertThat(r.line("environment:")).contains("GREETING=\\x9b31mhi");
        assertNoControls(r);
    }

    @Test
    void presetsShowAHostileTemporaryDirectoryEscaped() throws IOException {
        Path tmp = Files.createDirectory(dir.resolve(ESC + "]0;T\u0007x"));
        Map<String, String> env = CliRun.baseEnvironment();
        env.put("TMPDIR", tmp.toString());
        CliRun r = CliRun.on(Abi.newest()).exactly(env, "presets");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("  --rw ");
        assertNoControls(r);
    }
}
