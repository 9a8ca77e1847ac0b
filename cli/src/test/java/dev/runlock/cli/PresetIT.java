package dev.runlock.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Presets in a real sandbox through {@code ./runlock}: what each grants works, and fails without it. */
class PresetIT {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path dir;

    private Launcher runlock;

    @BeforeAll
    static void quietRuns() {
        Host.assumeQuietRuns();
    }

    @BeforeEach
    void setUp() {
        runlock = new Launcher(dir);
    }

    @Test
    void devLetsAProgramWriteToDevNull() {
        assertThat(runlock.run("--preset", "dev", "--", "sh", "-c", "echo x > /dev/null").status()).isZero();
        Launcher.Result without = runlock.run("--", "sh", "-c", "echo x > /dev/null");
        assertThat(without.status()).isNotZero();
        assertThat(without.err()).contains("/dev/null: Permission denied");
    }

    @Test
    void ttyIsHarmlessWithoutATerminal() {
        Launcher.Result r = runlock.via("exec setsid -w \"$0\" \"$@\"").run("--preset", "tty", "--", "sh", "-c",
                "true 3<>/dev/tty || echo no terminal");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("no terminal\n");
        assertThat(r.errLines()).singleElement().asString().contains("/dev/tty");
    }

    @Test
    void ttyGivesRawModeOnTheTerminalAPtyOpens() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "no script(1)");
        String rawMode = "stty raw -echo </dev/tty && stty sane </dev/tty && echo raw mode ok";
        Launcher.Result r = pty("--preset tty --rox /usr -- sh -c '" + rawMode + "'");
        assertThat(r.out()).as(r.err()).contains("raw mode ok");
        Launcher.Result without = pty("--rox /usr -- sh -c '" + rawMode + "'");
        assertThat(without.out()).doesNotContain("raw mode ok").contains("Permission denied");
    }

    /** runlock ARGS under script(1): a fresh pty as controlling terminal; the output is the pty's. */
    private Launcher.Result pty(String args) {
        return new Launcher(dir).via("exec script -qec \"\\\"$0\\\" --log-level error " + args.replace("\"", "\\\"")
                + "\" /dev/null").run();
    }

    @Test
    void pythonFindsItsStandardLibrary() {
        assumeTrue(Files.isExecutable(PYTHON), "no " + PYTHON);
        Launcher.Result r = runlock.run("--preset", "python", "--", PYTHON.toString(), "-c", "import json; print('ok')");
        assertThat(r.out()).as(r.err()).isEqualTo("ok\n");
        Launcher.Result without = runlock.run("--", PYTHON.toString(), "-c", "import json");
        assertThat(without.status()).isNotZero();
        assertThat(without.err()).contains("encodings");
    }

    @Test
    void shellEnvPassesTheLocaleVariablesThatAreSet() {
        runlock.environment().put("LC_MESSAGES", "C");
        runlock.environment().put("SECRET_TOKEN", "x");
        Launcher.Result r = runlock.run("--preset", "shell-env", "--", "env");
        assertThat(r.out().lines()).contains("LC_MESSAGES=C", "LANG=C.UTF-8", "HOME=/root")
                .noneMatch(l -> l.startsWith("SECRET_TOKEN="));
    }
}
