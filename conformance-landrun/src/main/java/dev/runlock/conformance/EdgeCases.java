package dev.runlock.conformance;

import static dev.runlock.conformance.Expectation.exit;
import static dev.runlock.conformance.Invocation.sandbox;
import static dev.runlock.conformance.OwnCases.LIBS;
import static dev.runlock.conformance.OwnCases.PY;
import static dev.runlock.conformance.OwnCases.PYTHON;
import static dev.runlock.conformance.OwnCases.own;
import static dev.runlock.conformance.Words.line;

import java.util.List;

/** Own cases: edges of the process the command inherits (terminal, standard descriptors): issue 12 §2, §5. */
final class EdgeCases {
    private static final String TERMINAL = "--rw /dev/ptmx --rw /dev/pts ";
    private static final String LANDRUN_INJECTS = "landrun lets the command push input into its terminal (TIOCSTI), "
            + "which the caller's shell would run after the command exits, outside the sandbox";

    private EdgeCases() {
    }

    static List<Case> all() {
        return List.of(
                own("R85", "TIOCSTI on the controlling terminal fails, so nothing is typed into the caller's shell",
                        f -> sandbox(line(PY + TERMINAL + "-- " + PYTHON + " -c", tiocsti(0x5412L))).autoImported(), exit(1))
                        .deviates(Dialect.LANDRUN, exit(0), LANDRUN_INJECTS),
                own("R86", "TIOCSTI with bit 32 set fails too (CVE-2019-10063)",
                        f -> sandbox(line(PY + TERMINAL + "-- " + PYTHON + " -c", tiocsti(0x5412L | (1L << 32)))).autoImported(),
                        exit(1)).deviates(Dialect.LANDRUN, exit(0), LANDRUN_INJECTS),
                own("R87", "a closed stdin reaches the command as /dev/null, never as a file the launcher opened",
                        f -> sandbox(line(LIBS + "--rox /bin --ro /proc -- bash -c", "test \"$(readlink /proc/$$/fd/0)\" = /dev/null"))
                                .wrappedIn("exec 0<&-"), exit(0)),
                own("R88", "a closed stdout and stderr reach the command as /dev/null",
                        f -> sandbox(line(LIBS + "--rox /bin --ro /proc -- bash -c", "test \"$(readlink /proc/$$/fd/1)\" = /dev/null"
                                + " && test \"$(readlink /proc/$$/fd/2)\" = /dev/null"))
                                .wrappedIn("exec 1>&- 2>&-"), exit(0)));
    }

    /**
     * A process on a new pseudo-terminal (its controlling terminal, as a shell's) pushes one byte
     * into the terminal's input with ioctl {@code request}; exit 0 if that worked.
     */
    private static String tiocsti(long request) {
        return """
                import ctypes, os, pty, sys
                pid, fd = pty.fork()
                if pid == 0:
                    libc = ctypes.CDLL(None, use_errno=True)
                    libc.ioctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_char_p]
                    os._exit(0 if libc.ioctl(0, %d, b"x") == 0 else 1)
                _, status = os.waitpid(pid, 0)
                sys.exit(os.waitstatus_to_exitcode(status))
                """.formatted(request);
    }
}
