package dev.runlock.conformance;

import static dev.runlock.conformance.Expectation.degraded;
import static dev.runlock.conformance.Expectation.exit;
import static dev.runlock.conformance.Expectation.refusedWithout;
import static dev.runlock.conformance.Fixture.RO;
import static dev.runlock.conformance.Invocation.raw;
import static dev.runlock.conformance.Invocation.sandbox;
import static dev.runlock.conformance.OwnCases.LIBS;
import static dev.runlock.conformance.OwnCases.own;
import static dev.runlock.conformance.Words.line;

import java.util.List;

/**
 * Own cases: a rule or flag that needs more than the effective ABI (the kernel's or the
 * {@code --abi} pin) is a dropped feature like any other: warned about, refused when hard
 * (issue 12 §6). The commands are {@code true}: any status but 0 is runlock's own.
 */
final class DroppedRuleCases {
    private static final String LANDRUN_SILENT = "landrun's best effort drops a rule its kernel cannot enforce "
            + "without a word; runlock warns (and --compat hard refuses), so the user knows the rule is not in force";

    private DroppedRuleCases() {
    }

    static List<Case> all() {
        return List.of(
                own("R95", "--abi 7 with --connect-udp warns that the UDP rule is dropped",
                        f -> raw(line("--abi 7 " + LIBS + "--connect-udp " + f.port() + " -- true")),
                        Expectation.pinned(7, degraded(Feature.UDP, 0)))
                        .requires(Capability.ABI_PIN, Capability.UDP, Capability.OWN_ERRORS),
                own("R96", "--abi 7 --strict with --connect-udp is refused",
                        f -> raw(line("--abi 7 --strict " + LIBS + "--connect-udp " + f.port() + " -- true")),
                        Expectation.pinned(7, refusedWithout(Feature.UDP, 0)))
                        .requires(Capability.ABI_PIN, Capability.UDP, Capability.COMPAT),
                own("R97", "--abi 7 --strict with --unix is refused",
                        f -> raw(line("--abi 7 --strict " + LIBS + "--unix " + RO + " -- true")),
                        Expectation.pinned(7, refusedWithout(Feature.UNIX, 0)))
                        .requires(Capability.ABI_PIN, Capability.COMPAT),
                own("R98", "--abi 6 --strict with an audit log flag is refused",
                        f -> raw(line("--abi 6 --strict --log-disable-originating " + LIBS + "-- true")),
                        Expectation.pinned(6, refusedWithout(Feature.AUDIT, 0)))
                        .requires(Capability.ABI_PIN, Capability.COMPAT),
                own("R99", "--abi 7 --explain lists the dropped UDP rule",
                        f -> raw(line("--explain --abi 7 " + LIBS + "--connect-udp " + f.port() + " -- true")),
                        exit(0).and(Check.stdoutContains("dropped:")).and(Check.stdoutContains("needs UDP (ABI 10)")))
                        .requires(Capability.ABI_PIN, Capability.UDP, Capability.EXPLAIN),
                own("R100", "a --unix rule the kernel cannot enforce is reported, not dropped silently",
                        f -> sandbox(line(LIBS + "--unix " + RO + " -- true")), degraded(Feature.UNIX, 0))
                        .deviates(Dialect.LANDRUN, exit(0), LANDRUN_SILENT));
    }
}
