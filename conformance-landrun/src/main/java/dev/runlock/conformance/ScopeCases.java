package dev.runlock.conformance;

import static dev.runlock.conformance.Expectation.enforcing;
import static dev.runlock.conformance.Expectation.exit;
import static dev.runlock.conformance.Invocation.sandbox;
import static dev.runlock.conformance.OwnCases.PY;
import static dev.runlock.conformance.OwnCases.PYTHON;
import static dev.runlock.conformance.OwnCases.own;
import static dev.runlock.conformance.Words.line;

import java.util.List;

/** Own cases: the IPC scopes (ABI 6), each denial next to --unrestricted-scoped granting it. */
final class ScopeCases {
    /** runlock below ABI 9, with the filesystem restricted: its seccomp guard refuses every UNIX socket. */
    private static final Expectation UNIX_GUARD = enforcing(Feature.FILESYSTEM, Probes.UNIX_CONNECT_DENIED, 0);
    private static final String LANDRUN_UNIX = "landrun has no UNIX socket guard below ABI 9, where runlock refuses "
            + "socket(AF_UNIX) while the filesystem is restricted (pathname sockets would be open)";

    private ScopeCases() {
    }

    static List<Case> all() {
        return List.of(
                own("R36", "a signal to a process outside the sandbox is denied",
                        f -> sandbox(line(PY + "-- " + PYTHON + " -c", Probes.signal(f.spawn("sleep", "60").pid())))
                                .autoImported(),
                        enforcing(Feature.SCOPES, exit(Probes.SIGNAL_DENIED).and(Check.outsideProcessSurvives()),
                                exit(0).and(Check.outsideProcessDies()))),
                own("R37", "--unrestricted-scoped lets a signal out",
                        f -> sandbox(line("--unrestricted-scoped " + PY + "-- " + PYTHON + " -c",
                                Probes.signal(f.spawn("sleep", "60").pid()))).autoImported(),
                        exit(0).and(Check.outsideProcessDies())),
                own("R38", "connecting to an abstract unix socket outside the sandbox is denied",
                        f -> sandbox(line(PY + "-- " + PYTHON + " -c", Probes.abstractConnect(f.abstractListener())))
                                .autoImported(),
                        enforcing(Feature.UNIX, exit(Probes.ABSTRACT_CONNECT_DENIED), UNIX_GUARD))
                        .deviates(Dialect.LANDRUN, enforcing(Feature.SCOPES, Probes.ABSTRACT_CONNECT_DENIED, 0), LANDRUN_UNIX),
                own("R39", "--unrestricted-scoped allows connecting to an abstract unix socket",
                        f -> sandbox(line("--unrestricted-scoped " + PY + "-- " + PYTHON + " -c",
                                Probes.abstractConnect(f.abstractListener()))).autoImported(),
                        enforcing(Feature.UNIX, exit(0), UNIX_GUARD))
                        .deviates(Dialect.LANDRUN, exit(0), LANDRUN_UNIX));
    }
}
