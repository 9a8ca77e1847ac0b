package dev.runlock.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process state the command sees after a real sandbox and execve, observed from inside it
 * by a shell that reads its own {@code /proc/$$} entries (the shell is the execed process).
 */
class ExecHygieneTest {
    /**
     * Starts the JVM the way a user's shell would, with state the command must see unchanged:
     * argv is the working directory, a file to inherit as descriptors 7 and 8, the signals to
     * ignore (every other standard signal gets its default action), then the java command.
     */
    private static final String CALLER = """
            import os, resource, signal, sys
            cwd, inherited, ignored, *java = sys.argv[1:]
            for s in range(1, 32):
                if s not in (signal.SIGKILL, signal.SIGSTOP):
                    signal.signal(s, signal.SIG_DFL)
            for name in ignored.split(","):
                signal.signal(getattr(signal, name), signal.SIG_IGN)
            os.umask(0o027)
            resource.setrlimit(resource.RLIMIT_NOFILE, (1000, resource.getrlimit(resource.RLIMIT_NOFILE)[1]))
            os.chdir(cwd)
            fd = os.open(inherited, os.O_RDONLY)
            os.dup2(fd, 7)
            os.dup2(fd, 8)
            os.close(fd)
            with open("/proc/self/status") as status:
                sigign = next(l for l in status if l.startswith("SigIgn:")).split()[1]
            print("caller-sigign=" + sigign, flush=True)
            # As the runlock launcher does: hand the caller's ignored signals over to the JVM.
            os.execv(java[0], [java[0], "-Drunlock.caller.sigign=" + sigign] + java[1:])
            """;
    /**
     * Reads its own status with builtins only: dash blocks all signals while it forks, so a
     * child reading {@code /proc/$$/status} could see that transient mask.
     */
    private static final String COMMAND = """
            echo "command-pid=$$"
            while read -r key value; do
                case $key in NoNewPrivs:|SigBlk:|SigIgn:|Umask:) echo "${key%:}=$value" ;; esac
            done < /proc/$$/status
            printf 'cwd='; pwd -P
            printf 'nofile='; ulimit -n
            echo fds-begin; ls /proc/$$/fd; echo fds-end
            echo env-begin; tr '\\0' '\\n' < /proc/$$/environ; echo env-end
            exit 42
            """;
    private static final int SIGUSR1 = 10;
    /** Signals 1-31; 32 and up are real-time signals glibc reserves for itself. */
    private static final long STANDARD_SIGNALS = 0x7FFF_FFFFL;
    private static final List<String> ENV = List.of("A=1", "B=two words", "EMPTY=", "PATH=/usr/bin:/bin");

    @TempDir
    static Path tmp;
    static SandboxProcess.Result hygiene;
    static Map<String, String> values;

    @BeforeAll
    static void runCommand() {
        SandboxProcess.requireLandlock();
        List<String> settings = new ArrayList<>(List.of("unrestricted=fs", "keep-fd=7"));
        ENV.forEach(e -> settings.add("env=" + e));
        hygiene = throughCaller("SIGUSR1", settings, COMMAND);
        values = hygiene.values();
        assertThat(values).as("stderr: %s", hygiene.stderr()).containsKey("command-pid");
    }

    private static SandboxProcess.Result throughCaller(String ignoredSignals, List<String> settings, String command) {
        try {
            Path cwd = Files.createDirectories(tmp.resolve("work dir"));
            Path inherited = Files.writeString(tmp.resolve("inherited"), "x");
            List<String> argv = new ArrayList<>(List.of(SandboxProcess.PYTHON.toString(), "-I", "-c", CALLER,
                    cwd.toString(), inherited.toString(), ignoredSignals));
            argv.addAll(SandboxProcess.java(settings, List.of("/bin/sh", "-c", command)));
            return SandboxProcess.run(argv, tmp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void commandReplacesTheJvmAndItsExitStatusIsTheUsers() {
        assertThat(values.get("command-pid")).isEqualTo(values.get("pid"));
        assertThat(hygiene.exit()).isEqualTo(42);
    }

    @Test
    void noNewPrivsIsSet() {
        assertThat(values).containsEntry("NoNewPrivs", "1");
    }

    @Test
    void onlyTheStandardStreamsAndKeptDescriptorsReachTheCommand() {
        // 8 was inherited like 7 but not kept; the JVM's own jars, pipes and rule descriptors are gone too.
        assertThat(hygiene.block("fds-begin", "fds-end")).containsExactlyInAnyOrder("0", "1", "2", "7");
    }

    @Test
    void signalMaskIsEmptyAndNoSignalIsNewlyIgnored() {
        assertThat(values).containsEntry("SigBlk", "0000000000000000");
        long caller = Long.parseUnsignedLong(values.get("caller-sigign"), 16);
        long command = Long.parseUnsignedLong(values.get("SigIgn"), 16);
        assertThat(caller & STANDARD_SIGNALS).as("the caller ignores SIGUSR1 only").isEqualTo(1L << (SIGUSR1 - 1));
        assertThat(command & ~caller).as("signals ignored by the command only").isZero();
        assertThat(command & STANDARD_SIGNALS).isEqualTo(caller & STANDARD_SIGNALS);
    }

    @Test
    void signalsTheCallerIgnoresStayIgnored() {
        SandboxProcess.Result nohup = throughCaller("SIGHUP,SIGQUIT,SIGPIPE,SIGUSR1", List.of("unrestricted=fs"),
                COMMAND);
        long caller = Long.parseUnsignedLong(nohup.values().get("caller-sigign"), 16);
        long command = Long.parseUnsignedLong(nohup.values().get("SigIgn"), 16);

        assertThat(command & STANDARD_SIGNALS).isEqualTo(caller & STANDARD_SIGNALS);
    }

    @Test
    void workingDirectoryUmaskAndFileLimitAreTheCallers() throws IOException {
        assertThat(values).containsEntry("cwd", tmp.resolve("work dir").toRealPath().toString())
                .containsEntry("Umask", "0027")
                .containsEntry("nofile", "1000");
    }

    @Test
    void environmentIsExactlyTheLaunchEnvironment() {
        assertThat(hygiene.block("env-begin", "env-end")).containsExactlyElementsOf(ENV);
    }

    @Test
    void deathBySignalIsPassedThrough() {
        List<String> argv = new ArrayList<>(List.of(SandboxProcess.PYTHON.toString(), "-I", "-c",
                "import subprocess, sys; print('status=%d' % subprocess.run(sys.argv[1:]).returncode)"));
        argv.addAll(SandboxProcess.java(List.of("unrestricted=fs"), List.of("/bin/sh", "-c", "kill -TERM $$")));

        SandboxProcess.Result killed = SandboxProcess.run(argv, tmp);

        assertThat(killed.values()).as("stderr: %s", killed.stderr()).containsEntry("status", "-15");
    }

    @Test
    void execveFailuresReturnTheirErrno() throws IOException {
        Path rox = Files.createDirectories(tmp.resolve("rox"));
        Path ro = Files.createDirectories(tmp.resolve("ro"));
        Path plain = Files.writeString(rox.resolve("plain"), "#!/bin/sh\n");
        Path garbage = Files.writeString(rox.resolve("garbage"), "not a program\n");
        Files.setPosixFilePermissions(garbage, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path landlocked = Files.copy(Path.of("/usr/bin/true"), ro.resolve("true"));
        Files.setPosixFilePermissions(landlocked, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(Files.isExecutable(plain)).as("we run as root: no x bit at all is what makes EACCES").isFalse();

        SandboxProcess.Result result = SandboxProcess.sandboxed(List.of("rox=" + rox, "ro=" + ro, "rox=/usr",
                "ro=/etc", "unrestricted=net", "unrestricted=scopes",
                "try-exec=" + rox.resolve("missing"), "try-exec=" + plain, "try-exec=" + garbage, "try-exec=" + landlocked),
                List.of("/usr/bin/true"), tmp);

        assertThat(result.values()).containsEntry("execve " + rox.resolve("missing"), "ENOENT")
                .containsEntry("execve " + plain, "EACCES")
                .containsEntry("execve " + garbage, "ENOEXEC")
                .containsEntry("execve " + landlocked, "EACCES");
        assertThat(result.exit()).as("the JVM survives failed execs and then runs the command").isZero();
    }
}
