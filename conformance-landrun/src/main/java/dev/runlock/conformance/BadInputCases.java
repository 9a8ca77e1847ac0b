package dev.runlock.conformance;

import static dev.runlock.conformance.Expectation.exit;
import static dev.runlock.conformance.Invocation.raw;
import static dev.runlock.conformance.OwnCases.own;
import static dev.runlock.conformance.Words.line;

import java.util.List;

/** Own cases: bad command lines, each refused with one runlock line naming the culprit. */
final class BadInputCases {
    private BadInputCases() {
    }

    static List<Case> all() {
        return List.of(
                bad("R70", "--bind-tcp 70000", "70000"),
                bad("R71", "--connect-tcp http", "http"),
                bad("R72", "--bind-udp -1", "-1"),
                bad("R73", "--connect-udp 1-", "1-"),
                bad("R74", "--bind-tcp 8000-7000", "8000-7000"),
                bad("R75", "--compat bogus", "bogus"),
                bad("R76", "--abi x", "--abi"),
                bad("R77", "--log-level loud", "loud"),
                bad("R78", "--keep-fd x", "--keep-fd"),
                bad("R79", "--frobnicate", "--frobnicate"),
                bad("R80", "--rox /nonexistent/rox-xyz", "/nonexistent/rox-xyz"),
                bad("R81", "--rw /nonexistent/rw-xyz", "/nonexistent/rw-xyz"),
                bad("R82", "--unix /nonexistent/unix-xyz", "/nonexistent/unix-xyz"),
                own("R83", "bad input: --ro without a value", f -> raw("--ro"), exit(1).and(Check.oneErrorLine("--ro")))
                        .requires(Capability.OWN_ERRORS),
                own("R84", "bad input: status --xml", f -> raw("status", "--xml"), exit(1).and(Check.oneErrorLine("--xml")))
                        .requires(Capability.OWN_ERRORS, Capability.STATUS));
    }

    private static Case bad(String id, String options, String culprit) {
        return own(id, "bad input: " + options, f -> raw(line(options + " -- true")),
                exit(1).and(Check.oneErrorLine(culprit))).requires(Capability.OWN_ERRORS);
    }
}
