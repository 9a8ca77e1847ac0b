package dev.runlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the command gets from its caller through {@code ./runlock}: bytes that are not UTF-8,
 * closed standard descriptors, a deleted working directory, and a caller whose environment or
 * limits would trouble a JVM.
 */
class ProcessStateIT {
    @TempDir
    Path dir;

    private Launcher runlock;

    @BeforeEach
    void setUp() throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        runlock = new Launcher(dir);
    }

    /** The caller's locale: the bytes must pass whatever it is. */
    private Launcher inLocale(String locale) {
        runlock.environment().remove("LANG");
        if (!locale.isEmpty()) {
            runlock.environment().put("LC_ALL", locale);
        }
        return runlock;
    }

    @ParameterizedTest(name = "locale ''{0}''")
    @ValueSource(strings = {"C.UTF-8", "C", ""})
    void argumentsReachTheCommandByteForByte(String locale) {
        Launcher.Result r = inLocale(locale).via("\"$0\" -- printf '%s|' $'\\xff\\xfe' $'caf\\xc3\\xa9' $'\\xed\\xa0\\x80' | od -An -tx1")
                .run();

        assertThat(r.out()).isEqualTo(" ff fe 7c 63 61 66 c3 a9 7c ed a0 80 7c\n");
    }

    @ParameterizedTest(name = "locale ''{0}''")
    @ValueSource(strings = {"C.UTF-8", "C", ""})
    void inheritedAndGivenVariablesReachTheCommandByteForByte(String locale) {
        Launcher.Result r = inLocale(locale).via(
                "FOO=$'a\\xffb' \"$0\" --env FOO --env BAR=$'\\xfe=\\xc3\\xa9' -- printenv FOO BAR | od -An -tx1").run();

        assertThat(r.out()).isEqualTo(" 61 ff 62 0a fe 3d c3 a9 0a\n");
    }

    @ParameterizedTest(name = "locale ''{0}''")
    @ValueSource(strings = {"C.UTF-8", "C", ""})
    void pathsThatAreNotUtf8CanBeGranted(String locale) {
        Host.assumeQuietRuns();
        Launcher.Result r = inLocale(locale).via("""
                mkdir $'ro\\xff' $'rw\\xfe' $'other\\xff'
                echo granted > $'ro\\xff/f'; echo secret > $'other\\xff/f'
                "$0" --rox /usr --ro $'ro\\xff' --rw $'rw\\xfe' -- sh -c 'cat "$1" && echo written > "$2" && cat "$3"' sh \\
                    $'ro\\xff/f' $'rw\\xfe/new' $'other\\xff/f'
                echo "status $?"; cat $'rw\\xfe/new'
                """).run();

        assertThat(r.out()).isEqualTo("granted\nstatus 1\nwritten\n");
        assertThat(r.errLines()).singleElement().asString()
                .startsWith("cat: ").contains("other").endsWith("Permission denied");
    }

    @Test
    void aCommandWhosePathIsNotUtf8Runs() {
        Launcher.Result r = inLocale("C").via("""
                mkdir $'bin\\xff' && printf '#!/bin/sh\\necho ran\\n' > $'bin\\xff/s' && chmod +x $'bin\\xff/s'
                "$0" -- $'./bin\\xff/s' && PATH="$PWD/"$'bin\\xff':"$PATH" "$0" --env PATH -- s
                """).run();

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("ran\nran\n");
    }

    @Test
    void closedStandardInputReachesTheCommandAsDevNull() {
        Launcher.Result r = runlock.via("\"$0\" \"$@\" <&-").run("--", "wc", "-c");

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("0\n");
    }

    @Test
    void closedStandardOutputAndErrorReachTheCommandAsDevNull() throws IOException {
        String show = "import os; open('fds', 'w').write(' '.join(os.readlink(f'/proc/self/fd/{fd}') for fd in (0, 1, 2)))";
        String[] args = {"--ro", "/usr,/proc", "--rw", dir.toString(), "--", "/usr/bin/python3", "-c", show};

        runlock.via("\"$0\" \"$@\" >&- 2>&-").run(args);
        String closed = Files.readString(dir.resolve("fds"));
        new Launcher(dir).run(args);
        String open = Files.readString(dir.resolve("fds"));

        assertThat(closed).isEqualTo("/dev/null /dev/null /dev/null");
        assertThat(open).as("control: open descriptors pass as they are").startsWith("/dev/null /tmp/");
    }

    @Test
    void aDeletedWorkingDirectoryIsTheCommandsToo() {
        Host.assumeQuietRuns();
        Launcher.Result r = runlock.via("mkdir gone && cd gone && rmdir ../gone && exec \"$0\" \"$@\"")
                .run("--ro", ".,/proc,/usr", "--", "/usr/bin/python3", "-c", "import os; print(os.readlink('/proc/self/cwd'))");

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(dir.resolve("gone") + " (deleted)\n");
        assertThat(r.errLines()).noneMatch(l -> l.contains("Could not determine current working directory"))
                .allMatch(l -> l.startsWith("shell-init: error retrieving current directory"));
    }

    @Test
    void theCallersJavaOptionsDoNotReachRunlocksJvmButPassWithEnv() {
        Host.assumeQuietRuns();
        for (String name : new String[] {"JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS"}) {
            runlock.environment().put(name, "-Xmx1m -XX:+UseG1GC");
        }

        Launcher.Result passed = runlock.run("--env", "JAVA_TOOL_OPTIONS", "--env", "_JAVA_OPTIONS", "--env",
                "JDK_JAVA_OPTIONS", "--", "printenv");
        Launcher.Result kept = runlock.run("--", "printenv");

        assertThat(passed.status()).as(passed.err()).isZero();
        assertThat(passed.out()).isEqualTo("JAVA_TOOL_OPTIONS=-Xmx1m -XX:+UseG1GC\n_JAVA_OPTIONS=-Xmx1m -XX:+UseG1GC\n"
                + "JDK_JAVA_OPTIONS=-Xmx1m -XX:+UseG1GC\n");
        assertThat(passed.errLines()).isEmpty();
        assertThat(kept.out()).isEmpty();
    }

    @Test
    void startsUnderAOneGibAddressSpaceLimit() {
        Launcher.Result r = runlock.via("ulimit -v 1048576 && exec \"$0\" \"$@\"").run("--", "echo", "started");

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("started\n");
    }

    @Test
    void aJvmErrorIsOneLineAndStatus1() throws IOException {
        // A value nested deeper than runlock's stack can parse.
        Path config = Files.writeString(dir.resolve("deep.toml"), "[true]\nro = " + "[".repeat(50_000) + "]".repeat(50_000) + "\n");
        runlock.environment().put("SANDBOX_CONFIG", config.toString());

        runlock.run("--", "true").assertRefused("StackOverflowError");
    }

    @ParameterizedTest(name = "job control: {0}")
    @ValueSource(booleans = {false, true})
    void newSessionMakesTheCommandASessionLeaderAndKeepsItsStatus(boolean jobControl) {
        // With job control (an interactive shell) runlock leads its process group, where setsid fails.
        String script = (jobControl ? "set -m; " : "") + "\"$0\" \"$@\"; echo \"status $?\"";
        String show = "read -r _ _ _ _ _ sid _ < /proc/$$/stat; [ \"$sid\" = $$ ] && echo leader || echo member; exit 3";

        Launcher.Result detached = new Launcher(dir).via(script).run("--new-session", "--ro", "/proc", "--", "bash", "-c", show);
        Launcher.Result attached = new Launcher(dir).via(script).run("--ro", "/proc", "--", "bash", "-c", show);

        assertThat(detached.out()).isEqualTo("leader\nstatus 3\n");
        assertThat(attached.out()).isEqualTo("member\nstatus 3\n");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--new-session=false --", "-- bash -c SHOW --new-session", "--new-session=false -- "
            + "bash -c SHOW bash --new-session=true", "--ro /proc bash -c SHOW -- --new-session",
            "--log-level=warn --new-session=FALSE --"})
    void onlyRunlocksOwnNewSessionOptionMovesTheCommandToAnotherPid(String args) {
        // A job of a shell with job control leads its process group: there --new-session makes the launcher fork.
        String script = "set -m; \"$0\" \"$@\" & echo \"launcher $!\"; wait $!";
        String show = "echo \"command $$\"";
        List<String> argv = new ArrayList<>(List.of("--ro", "/proc"));
        for (String arg : args.split(" ")) {
            argv.add(arg.equals("SHOW") ? show : arg);
        }
        if (argv.getLast().equals("--")) {
            argv.addAll(List.of("bash", "-c", show));
        }

        Launcher.Result kept = new Launcher(dir).via(script).run(argv.toArray(String[]::new));
        Launcher.Result forked = new Launcher(dir).via(script).run("--new-session=true", "--", "bash", "-c", show);

        assertThat(pids(kept)).hasSize(1);
        assertThat(pids(forked)).as("the control").hasSize(2);
    }

    /** The distinct PIDs of the launcher and the command, as the script and the command printed them. */
    private static Set<String> pids(Launcher.Result r) {
        assertThat(r.out().lines()).as("stderr: %s", r.err()).hasSize(2)
                .anyMatch(l -> l.startsWith("launcher ")).anyMatch(l -> l.startsWith("command "));
        return r.out().lines().map(l -> l.substring(l.indexOf(' ') + 1)).collect(Collectors.toSet());
    }

    @Test
    void bytesAndClosedDescriptorsWorkForAnUnprivilegedUser() {
        Launcher.Result r = runlock.unprivileged().via("\"$0\" -- printf '%s' $'\\xff' <&- | od -An -tx1; \"$0\" -- wc -c <&-").run();

        assertThat(r.out()).isEqualTo(" ff\n0\n");
    }
}
