package dev.runlock.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.runlock.testkit.MachineCapability;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Terminal injection, end to end: the command runs on a pseudo-terminal the test opens, as in an
 * interactive shell, and tries to push "id\n" into its input with TIOCSTI, which the caller's shell
 * would run after the command exits. Each test has its control without runlock.
 */
class TerminalIT {
    private static final String PYTHON = "/usr/bin/python3";
    /** Runs its arguments on a new pseudo-terminal and prints what the terminal showed, then the status. */
    private static final String TERMINAL = """
            import os, pty, sys
            pid, master = pty.fork()
            if pid == 0:
                os.execv(sys.argv[1], sys.argv[1:])
            out = b""
            while True:
                try:
                    chunk = os.read(master, 4096)
                except OSError:
                    break
                if not chunk:
                    break
                out += chunk
            _, status = os.waitpid(pid, 0)
            sys.stdout.buffer.write(out.replace(b"\\r", b""))
            print("status", os.waitstatus_to_exitcode(status))
            """;
    /** Tries TIOCSTI with the plain request and with bit 32 set (CVE-2019-10063), then looks for queued input. */
    private static final String INJECT = """
            import ctypes, os, select
            libc = ctypes.CDLL(None, use_errno=True)
            libc.ioctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_char_p]
            for request in (0x5412, 0x5412 | (1 << 32)):
                results = set()
                for c in b"id\\n":
                    results.add("ok" if libc.ioctl(0, request, bytes([c])) == 0 else os.strerror(ctypes.get_errno()))
                print(hex(request), ",".join(sorted(results)))
            ready, _, _ = select.select([0], [], [], 0)
            print("pending:", os.read(0, 100) if ready else "nothing")
            print("session leader:", os.getsid(0) == os.getpid())
            try:
                os.close(os.open("/dev/tty", os.O_RDWR))
                print("tty: opened")
            except OSError as e:
                print("tty:", e.strerror)
            """;

    @TempDir
    Path dir;

    private Path terminal;
    private Path inject;

    @BeforeEach
    void setUp() throws IOException {
        MachineCapability.PYTHON3.assume("the terminal cases run their probe with it");
        // Readable by nobody, for the unprivileged runs.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        terminal = Files.writeString(dir.resolve("terminal.py"), TERMINAL);
        inject = Files.writeString(dir.resolve("inject.py"), INJECT);
    }

    @ParameterizedTest(name = "unprivileged: {0}")
    @ValueSource(booleans = {false, true})
    void tiocstiFailsWithEpermAndNothingReachesTheTerminal(boolean unprivileged) {
        if (unprivileged) {
            assumeLegacyTiocsti();
        }
        List<String> control = onTerminal(unprivileged).via("exec \"$@\"").run(PYTHON, inject.toString()).out().lines().toList();
        assertThat(control).as("without runlock, injection works here").contains("0x5412 ok", "pending: b'id\\n'");

        List<String> sandboxed = onTerminal(unprivileged)
                .run("--ro", "/usr," + dir, "--rw", "/dev/tty", "--", PYTHON, inject.toString()).out().lines().toList();

        assertThat(sandboxed).contains("0x5412 Operation not permitted", "0x100005412 Operation not permitted",
                "pending: nothing", "tty: opened", "status 0");
    }

    @Test
    void newSessionLeavesTheControllingTerminal() {
        List<String> out = onTerminal(false)
                .run("--new-session", "--ro", "/usr," + dir, "--rw", "/dev/tty", "--", PYTHON, inject.toString())
                .out().lines().toList();

        // The terminal's first process leads its session already: runlock must start a new one itself.
        assertThat(out).contains("0x5412 Operation not permitted", "pending: nothing", "session leader: True",
                "tty: No such device or address", "status 0");
    }

    @Test
    void unrestrictedRunsAreGuardedToo() {
        List<String> out = onTerminal(false)
                .run("--unrestricted-filesystem", "--unrestricted-network", "--", PYTHON, inject.toString())
                .out().lines().toList();

        assertThat(out).contains("0x5412 Operation not permitted", "pending: nothing", "status 0");
    }

    private Launcher onTerminal(boolean unprivileged) {
        Launcher launcher = new Launcher(dir).within(PYTHON, terminal.toString());
        return unprivileged ? launcher.unprivileged() : launcher;
    }

    private static void assumeLegacyTiocsti() {
        try {
            assumeTrue(Files.readString(Path.of("/proc/sys/dev/tty/legacy_tiocsti")).trim().equals("1"),
                    "dev.tty.legacy_tiocsti=0: unprivileged TIOCSTI is refused by the kernel itself");
        } catch (IOException e) {
            // Before Linux 6.2 there is no such switch: TIOCSTI always works on one's terminal.
        }
    }
}
