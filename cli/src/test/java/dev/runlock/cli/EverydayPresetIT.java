package dev.runlock.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.runlock.testkit.MachineCapability;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Everyday tasks under the preset made for them, through {@code ./runlock} as a user types them
 * (issue 21): each works with its preset, and the same run without what the preset adds fails.
 */
class EverydayPresetIT {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path GIT = Path.of("/usr/bin/git");
    private static final Path BASH = Path.of("/bin/bash");

    private final Path dir;
    private final Launcher runlock;

    EverydayPresetIT(@TempDir Path dir) {
        this.dir = dir;
        this.runlock = new Launcher(dir);
    }

    @BeforeAll
    static void quietRuns() {
        Host.assumeQuietRuns();
    }

    /** A home directory outside /tmp (which the tmp preset grants). */
    private static Path home() throws IOException {
        return Files.createDirectories(Launcher.ROOT.resolve("cli/target/everyday-it/" + UUID.randomUUID() + "/h"));
    }

    private static void assumePython() {
        MachineCapability.PYTHON3.assume("the python preset is not tested end to end");
    }

    /** python3 with ensurepip (Debian: python3-venv), which {@code python3 -m venv} runs. */
    private static void assumeVenv() throws IOException, InterruptedException {
        assumePython();
        int status = new ProcessBuilder(PYTHON.toString(), "-c", "import ensurepip").start().waitFor();
        assumeTrue(status == 0, () -> MachineCapability.skipMessage("python3 -m venv", "not installed",
                "python3 cannot import ensurepip; Debian: python3-venv", "venv and pip are not tested in the sandbox"));
    }

    /** A tool without a {@link MachineCapability} of its own (git, bash): the same kind of skip. */
    private static void assumeTool(Path tool, String unproven) {
        assumeTrue(Files.isExecutable(tool), () -> MachineCapability.skipMessage(tool.getFileName().toString(),
                "not installed", "no " + tool, unproven));
    }

    @Test
    void pythonImportsItsCompiledModulesWithTheLibrariesTheyNeed() {
        assumePython();
        String imports = "import ssl, sqlite3, ctypes, bz2, lzma, readline, curses; print('ok')";
        Launcher.Result r = runlock.run("--preset", "python", "--", PYTHON.toString(), "-c", imports);
        assertThat(r.out()).as(r.err()).isEqualTo("ok\n");

        Launcher.Result stdlibOnly = runlock.run("--ro", stdlib(), "--", PYTHON.toString(), "-c", imports);
        assertThat(stdlibOnly.status()).isNotZero();
        assertThat(stdlibOnly.err()).contains("libssl");
    }

    private String stdlib() {
        Launcher.Result r = runlock.run("--unrestricted-filesystem", "--", PYTHON.toString(), "-c",
                "import sysconfig; print(sysconfig.get_path('stdlib'))");
        assertThat(r.status()).as(r.err()).isZero();
        return r.out().strip();
    }

    @Test
    void aVenvWithPipIsCreatedUnderPythonDevTmpAndTheProject() throws IOException, InterruptedException {
        assumeVenv();
        // python3 by name, as a user types it: venv finds the interpreter it copies through PATH.
        Launcher.Result r = runlock.timeout(java.time.Duration.ofMinutes(3))
                .run("--preset", "python,dev,tmp", "--rw", ".", "--", "python3", "-m", "venv", "v");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(dir.resolve("v/bin/pip")).isExecutable();

        Launcher.Result pip = runlock.run("--preset", "python", "--ro", ".", "--", "v/bin/python", "-m", "pip",
                "--version");
        assertThat(pip.out()).as(pip.err()).startsWith("pip ");
        Launcher.Result withoutPreset = runlock.run("--ro", ".", "--", "v/bin/python", "-m", "pip", "--version");
        assertThat(withoutPreset.status()).isNotZero();
    }

    @Test
    void pipReadsItsConfigurationAndPipVariablesButCannotChangeTheConfiguration()
            throws IOException, InterruptedException {
        assumeVenv();
        Path home = home();
        Path config = Files.createDirectories(home.resolve(".config/pip")).resolve("pip.conf");
        Files.writeString(config, "[global]\ntimeout = 42\n");
        runlock.environment().put("HOME", home.toString());
        runlock.environment().put("PIP_DEFAULT_TIMEOUT", "7");
        Launcher.Result venv = runlock.timeout(java.time.Duration.ofMinutes(3))
                .run("--preset", "python,dev,tmp", "--rw", ".", "--", PYTHON.toString(), "-m", "venv", "v");
        assertThat(venv.status()).as(venv.err()).isZero();

        Launcher.Result list = runlock.run("--preset", "python", "--ro", ".", "--", "v/bin/python", "-m", "pip",
                "config", "list");
        assertThat(list.out().lines()).as(list.err()).contains("global.timeout='42'", ":env:.default-timeout='7'");

        Launcher.Result set = runlock.run("--preset", "python", "--ro", ".", "--", "v/bin/python", "-m", "pip",
                "config", "--user", "set", "global.timeout", "1");
        assertThat(set.status()).isNotZero();
        assertThat(set.err()).contains("Permission denied");
        assertThat(config).hasContent("[global]\ntimeout = 42\n");
    }

    @Test
    void gitClonesCommitsAndLogsWithItsPresetAndTheDirectory() throws IOException, InterruptedException {
        assumeTool(GIT, "the git preset is not tested end to end");
        unsandboxed("git", "init", "-q", "--bare", "origin.git");
        Launcher.Result clone = runlock.run("--preset", "git", "--rw", dir.toString(), "--", "git", "clone", "-q",
                "origin.git", "w");
        assertThat(clone.status()).as(clone.err()).isZero();
        Launcher.Result commit = new Launcher(dir.resolve("w")).run("--preset", "git", "--rw", dir.toString(), "--",
                "git", "-c", "user.name=U", "-c", "user.email=u@example.org", "commit", "-q", "--allow-empty", "-m",
                "sandboxed");
        assertThat(commit.status()).as(commit.err()).isZero();
        Launcher.Result log = new Launcher(dir.resolve("w")).run("--preset", "git", "--rw", dir.toString(), "--",
                "git", "log", "--format=%s");
        assertThat(log.out()).as(log.err()).isEqualTo("sandboxed\n");

        Launcher.Result withoutPreset = runlock.run("--rw", dir.toString(), "--", "git", "clone", "-q", "origin.git",
                "w2");
        assertThat(withoutPreset.status()).isNotZero();
        assertThat(dir.resolve("w2/.git/HEAD")).doesNotExist();
    }

    @Test
    void gitRunsARepositorysHooksOnlyWhenTheyAreGrantedExecution() throws IOException, InterruptedException {
        assumeTool(GIT, "the git preset is not tested end to end");
        unsandboxed("git", "init", "-q", "r");
        Path hook = Files.writeString(dir.resolve("r/.git/hooks/pre-commit"), "#!/bin/sh\necho hook ran\n");
        assertThat(hook.toFile().setExecutable(true)).isTrue();
        Launcher inRepository = new Launcher(dir.resolve("r"));
        String identity = "user.name=U";
        String email = "user.email=u@example.org";

        Launcher.Result denied = inRepository.run("--preset", "git", "--rw", ".", "--", "git", "-c", identity, "-c",
                email, "commit", "-q", "--allow-empty", "-m", "m");
        assertThat(denied.status()).isNotZero();
        assertThat(denied.err()).contains("cannot exec '.git/hooks/pre-commit': Permission denied");

        Launcher.Result granted = inRepository.run("--preset", "git", "--rw", ".", "--rox", ".git/hooks", "--", "git",
                "-c", identity, "-c", email, "commit", "-q", "--allow-empty", "-m", "m");
        assertThat(granted.status()).as(granted.err()).isZero();
        // git gives a hook's output to stderr.
        assertThat(granted.errLines()).contains("hook ran");
    }

    private void unsandboxed(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
        assertThat(p.waitFor()).as(String.join(" ", command)).isZero();
    }

    @Test
    void anInteractiveShellReadsItsStartupFilesButCannotChangeThem() throws IOException {
        assumeTool(BASH, "the shell preset is not tested end to end");
        Path home = home();
        Path bashrc = Files.writeString(home.resolve(".bashrc"), "alias ll='ls -l'\n");
        runlock.environment().put("HOME", home.toString());
        String session = "alias ll; echo 'echo planted' >> ~/.bashrc";
        Launcher.Result r = runlock.run("--preset", "shell", "--rw", ".", "--", "bash", "-i", "-c", session);
        assertThat(r.out()).as(r.err()).isEqualTo("alias ll='ls -l'\n");
        assertThat(r.errLines()).filteredOn(l -> l.contains("Permission denied"))
                .singleElement().asString().contains(bashrc.toString());
        assertThat(bashrc).hasContent("alias ll='ls -l'");

        Launcher.Result without = runlock.run("--preset", "tty,shell-env,tools", "--rw", ".", "--", "bash", "-i", "-c",
                "alias ll");
        assertThat(without.out()).isEmpty();
        assertThat(without.err()).contains(bashrc + ": Permission denied");
    }

    @Test
    void anInteractiveShellsPromptNamesTheUser() throws IOException {
        assumeTool(BASH, "the shell preset is not tested end to end");
        runlock.environment().put("HOME", home().toString());
        // What bash's prompt shows for its user escape: the user's name, looked up in /etc/passwd.
        String prompt = "p='\\u'; echo \"${p@P}\"";
        Launcher.Result r = runlock.run("--preset", "shell", "--", "bash", "-i", "-c", prompt);
        assertThat(r.out()).as(r.err()).isEqualTo(System.getProperty("user.name") + "\n");

        Launcher.Result without = runlock.run("--preset", "tty,shell-env,tools", "--", "bash", "-i", "-c", prompt);
        assertThat(without.out()).isEqualTo("I have no name!\n");
    }

    @Test
    void aVersionManagersShimIsRefusedWithTheCommandThatNamesTheRealProgram() throws IOException {
        assumePython();
        Path home = home();
        Path shims = Files.createDirectories(home.resolve(".pyenv/shims"));
        Path shim = Files.writeString(shims.resolve("python3"), "#!/usr/bin/env bash\nset -e\nprogram=\"${0##*/}\"\n"
                + "exec \"" + home + "/.pyenv/libexec/pyenv\" exec \"$program\" \"$@\"\n");
        assertThat(shim.toFile().setExecutable(true)).isTrue();
        Path script = Files.writeString(dir.resolve("hello.py"), "#!/usr/bin/env python3\nprint('hello')\n");
        assertThat(script.toFile().setExecutable(true)).isTrue();
        runlock.environment().put("HOME", home.toString());
        runlock.environment().put("PATH", shims + ":/usr/bin:/bin");

        runlock.run("--preset", "python", "--", "python3", "-c", "print('hello')").assertRefused(
                "python3 is pyenv's shim " + shim, "\"$(pyenv which python3)\"");
        runlock.run("--preset", "python", "--", "./hello.py").assertRefused(
                "./hello.py runs python3, which is pyenv's shim " + shim, "\"$(pyenv which python3)\" ./hello.py");

        Launcher.Result real = runlock.run("--preset", "python", "--ro", ".", "--", PYTHON.toString(), "./hello.py");
        assertThat(real.out()).as(real.err()).isEqualTo("hello\n");
    }
}
