package dev.runlock.conformance;

import static dev.runlock.conformance.Expectation.exit;
import static dev.runlock.conformance.Fixture.RO;
import static dev.runlock.conformance.Invocation.raw;
import static dev.runlock.conformance.Invocation.sandbox;
import static dev.runlock.conformance.OwnCases.own;
import static dev.runlock.conformance.Words.line;
import static dev.runlock.conformance.Words.which;

import java.util.List;
import java.util.regex.Pattern;

/** Own cases: what runlock shows without running anything (status, --explain). */
final class ViewCases {
    private ViewCases() {
    }

    static List<Case> all() {
        return List.of(
                own("R66", "status prints the Landlock ABI", f -> raw("status"), exit(0).and(Check.stdoutContains("ABI")))
                        .requires(Capability.STATUS),
                // The target's host ABI is the suite's own probe: a status that disagrees fails here.
                own("R67", "status --json reports the host ABI", f -> raw("status", "--json"),
                        t -> Expected.status(0).and(new Check("stdout has \"abi\": " + t.hostAbi(),
                                (o, f) -> Pattern.compile("\"abi\"\\s*:\\s*" + t.hostAbi() + "\\b").matcher(o.stdout()).find())))
                        .requires(Capability.STATUS),
                own("R68", "--explain prints the ruleset and runs nothing",
                        f -> sandbox(line("--explain --ro " + RO + " -- cat " + RO + "/test.txt")),
                        exit(0).and(Check.stdoutContains(RO)).and(Check.stdoutLacks("readonly content")))
                        .requires(Capability.EXPLAIN),
                own("R69", "--explain shows what auto-import adds", f -> sandbox(line("--explain -- cat /etc/hostname")),
                        exit(0).and(Check.stdoutContains(which("cat")))).requires(Capability.EXPLAIN));
    }
}
