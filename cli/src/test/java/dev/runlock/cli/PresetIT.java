package dev.runlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runlock.testkit.MachineCapability;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
    void ttyGrantsNothingWithoutATerminal() {
        Launcher.Result r = runlock.via("exec setsid -w \"$0\" \"$@\"").run("--preset", "tty", "--", "sh", "-c",
                "true 3<>/dev/tty || echo no terminal");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("no terminal\n");
        assertThat(r.errLines()).singleElement().asString().contains("/dev/tty");
    }

    @Test
    void ttyGivesRawModeOnTheTerminalAPtyOpens() {
        MachineCapability.SCRIPT.assume("the tty preset is not tested with a terminal");
        String rawMode = "stty raw -echo </dev/tty && stty sane </dev/tty && echo raw mode ok";
        Launcher.Result r = pty("--preset tty --rox /usr -- sh -c '" + rawMode + "'");
        assertThat(r.out()).as(r.err()).contains("raw mode ok");
        Launcher.Result without = pty("--rox /usr -- sh -c '" + rawMode + "'");
        assertThat(without.out()).doesNotContain("raw mode ok").contains("Permission denied");
    }

    @Test
    void ttyOpensNoTerminalTheCommandDoesNotHaveAndPtyOpensEveryOne() {
        MachineCapability.PYTHON3.assume("the python preset is not tested end to end");
        // Another terminal of the user's: a pty this python holds open while runlock runs in a new session without one.
        Launcher holdingAPty = runlock.via("exec setsid -w " + PYTHON + " -c 'import os, pty, subprocess, sys;"
                + " m, s = pty.openpty(); sys.exit(subprocess.run(sys.argv[1:] + [os.ttyname(s)]).returncode)'"
                + " \"$0\" \"$@\"");
        String write = "echo x > \"$0\" && echo opened";
        Launcher.Result tty = holdingAPty.run("--preset", "tty", "--", "sh", "-c", write);
        assertThat(tty.out()).doesNotContain("opened");
        assertThat(tty.err()).contains("Permission denied");
        Launcher.Result pty = holdingAPty.run("--preset", "pty", "--", "sh", "-c", write);
        assertThat(pty.out()).as(pty.err()).isEqualTo("opened\n");
    }

    @Test
    void ttyGrantsExactlyThePtyTheCommandRunsOn() {
        MachineCapability.SCRIPT.assume("the tty preset is not tested with a terminal");
        Launcher.Result r = new Launcher(dir).via("exec script -qec \"tty; \\\"$0\\\" --explain --preset tty -- true\""
                + " /dev/null").run();
        String pts = r.out().lines().findFirst().orElseThrow().strip();
        assertThat(pts).as(r.out()).matches("/dev/pts/\\d+");
        assertThat(r.out().lines().filter(l -> l.startsWith("  /dev/")).map(l -> l.substring(0, l.indexOf("  ", 2))))
                .containsExactly("  " + pts, "  /dev/tty");
    }

    /** runlock ARGS under script(1): a fresh pty as controlling terminal; the output is the pty's. */
    private Launcher.Result pty(String args) {
        return new Launcher(dir).via("exec script -qec \"\\\"$0\\\" --log-level error " + args.replace("\"", "\\\"")
                + "\" /dev/null").run();
    }

    @Test
    void pythonFindsItsStandardLibrary() {
        MachineCapability.PYTHON3.assume("the python preset is not tested end to end");
        Launcher.Result r = runlock.run("--preset", "python", "--", PYTHON.toString(), "-c", "import json; print('ok')");
        assertThat(r.out()).as(r.err()).isEqualTo("ok\n");
        Launcher.Result without = runlock.run("--", PYTHON.toString(), "-c", "import json");
        assertThat(without.status()).isNotZero();
        assertThat(without.err()).contains("encodings");
    }

    @Test
    void aVenvWhoseLibraryLinksToTheRootGrantsNoReadOnItAndSaysSo() throws IOException {
        MachineCapability.PYTHON3.assume("the python preset is not tested end to end");
        Path secret = Files.writeString(dir.resolve("secret"), "the key");
        Files.createSymbolicLink(Files.createDirectories(dir.resolve("venv/bin")).resolve("python"), PYTHON);
        Path lib = Files.createSymbolicLink(Files.createDirectories(dir.resolve("venv/lib"))
                .resolve(PYTHON.toRealPath().getFileName().toString()), Path.of("/"));
        String read = "print(open('" + secret + "').read())";

        Launcher.Result r = runlock.run("--preset", "python", "--", "venv/bin/python", "-c", read);

        assertThat(r.out()).doesNotContain("the key");
        assertThat(r.err()).contains("Permission denied", lib + " -> / (outside ");
        assertThat(runlock.run("--preset", "python", "--ro", secret.toString(), "--", "venv/bin/python", "-c", read)
                .out()).as("control: the same python reads a granted file").isEqualTo("the key\n");
    }

    @Test
    void shellEnvPassesTheLocaleVariablesThatAreSet() {
        runlock.environment().put("LC_MESSAGES", "C");
        runlock.environment().put("SECRET_TOKEN", "x");
        Launcher.Result r = runlock.run("--preset", "shell-env", "--", "env");
        assertThat(r.out().lines()).contains("LC_MESSAGES=C", "LANG=C.UTF-8", "HOME=/root")
                .noneMatch(l -> l.startsWith("SECRET_TOKEN="));
    }

    /** A home directory outside /tmp (which the tmp preset grants), with a file the sandbox must not touch. */
    private static Path home() throws IOException {
        Path home = Files.createDirectories(Launcher.ROOT.resolve("cli/target/preset-it/" + UUID.randomUUID() + "/h"));
        Files.writeString(home.resolve("secret"), "secret\n");
        return home;
    }

    @ParameterizedTest(name = "TMPDIR={0}")
    @ValueSource(strings = {"/", "HOME/..", "HOME/"})
    void aTmpdirThatWouldOpenTheHomeGrantsSlashTmpInsteadAndSaysSo(String tmpdir) throws IOException {
        Path home = home();
        String value = tmpdir.replace("HOME", home.toString());
        runlock.environment().put("HOME", home.toString());
        runlock.environment().put("TMPDIR", value);
        Path inTmp = Files.createTempDirectory(Path.of("/tmp"), "preset-it").resolve("written");
        Launcher.Result r = runlock.run("--preset", "tmp", "--", "sh", "-c",
                "echo x > " + inTmp + "; echo x > " + home.resolve("written"));
        assertThat(inTmp).as(r.err()).exists();
        assertThat(home.resolve("written")).doesNotExist();
        assertThat(r.errLines()).hasSize(2).first().asString().isEqualTo("runlock: warning: TMPDIR '" + value
                + "' is not granted (a temporary directory must be an absolute path, not /, a system directory, your"
                + " home or a directory above it, and shared with the sticky bit like /tmp or yours alone; as root,"
                + " below such a shared one or in root's home): /tmp is granted instead");
        assertThat(r.errLines().get(1)).endsWith(home.resolve("written") + ": Permission denied");
    }

    @Test
    void javaHomeGrantsAJdkButNeitherTheRootNorAHomeWithAJavaWrapper() throws IOException {
        Path home = home();
        Path jdk = Files.createDirectories(home.resolveSibling("jdk/bin"));
        // A JDK 17: with 25, the repository's launcher would run runlock on it.
        Files.writeString(jdk.resolveSibling("release"), "JAVA_VERSION=\"17\"\n");
        Files.writeString(jdk.resolve("java"), "#!/bin/sh\n").toFile().setExecutable(true);
        Files.createDirectory(home.resolve("bin"));
        Files.writeString(home.resolve("bin/java"), "#!/bin/sh\nexec /usr/bin/java \"$@\"\n").toFile().setExecutable(true);
        runlock.environment().put("HOME", home.toString());

        runlock.environment().put("JAVA_HOME", jdk.getParent().toString());
        Launcher.Result granted = runlock.run("--preset", "maven", "--", "cat", jdk.resolveSibling("release").toString());
        assertThat(granted.out()).as(granted.err()).isEqualTo("JAVA_VERSION=\"17\"\n");

        runlock.environment().put("JAVA_HOME", "/");
        Launcher.Result root = runlock.run("--preset", "maven", "--", "cat", home.resolve("secret").toString());
        assertThat(root.status()).isEqualTo(1);
        assertThat(root.err()).contains(home.resolve("secret") + ": Permission denied");

        runlock.environment().remove("JAVA_HOME");
        runlock.environment().put("PATH", home.resolve("bin") + ":/usr/bin:/bin");
        Launcher.Result wrapper = runlock.run("--preset", "maven", "--", "cat", home.resolve("secret").toString());
        assertThat(wrapper.status()).isEqualTo(1);
        assertThat(wrapper.err()).contains(home.resolve("secret") + ": Permission denied");
    }
}
