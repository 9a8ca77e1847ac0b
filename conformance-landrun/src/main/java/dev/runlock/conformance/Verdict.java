package dev.runlock.conformance;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

import org.opentest4j.TestAbortedException;

/** Runs one case on one target and judges it; every verdict is also kept for the reports. */
public final class Verdict {
    private static final Queue<CaseResult> RESULTS = new ConcurrentLinkedQueue<>();

    private Verdict() {
    }

    /** Passes, fails (AssertionError) or skips (TestAbortedException) the case. */
    public static void check(Target target, Case c) throws Exception {
        String skip = skipReason(target, c);
        if (skip != null) {
            record(target, c, CaseResult.Status.SKIPPED, skip);
            throw new TestAbortedException(skip);
        }
        try {
            judge(target, c);
        } catch (AssertionError | TestAbortedException e) {
            throw e;
        } catch (Exception e) {
            record(target, c, CaseResult.Status.FAILED, "harness error: " + e);
            throw e;
        }
    }

    private static void judge(Target target, Case c) throws Exception {
        Expected expected = c.expected(target);
        try (Fixture fixture = Fixture.create()) {
            Invocation invocation = c.invocation().apply(fixture);
            Outcome outcome = Execution.run(target, invocation, fixture);
            List<String> broken = expected.checks().stream().filter(k -> !k.test().test(outcome, fixture))
                    .map(Check::description).toList();
            if (outcome.status() != expected.status() || !broken.isEmpty()) {
                String detail = c.id() + " " + c.name() + " [" + target.label() + "]: expected exit " + expected.status()
                        + (expected.checks().isEmpty() ? "" : " and " + expected.checks().stream()
                                .map(Check::description).collect(Collectors.joining(", ")))
                        + "; got exit " + outcome.status()
                        + (broken.isEmpty() ? "" : ", not met: " + String.join(", ", broken))
                        + "\n  command: " + String.join(" ", invocation.commandLine(target))
                        + (invocation.env().isEmpty() ? "" : "\n  env: " + invocation.env())
                        + "\n  stdout: " + abbreviate(outcome.stdout()) + "\n  stderr: " + abbreviate(outcome.stderr());
                record(target, c, CaseResult.Status.FAILED, detail);
                throw new AssertionError(detail);
            }
            record(target, c, CaseResult.Status.PASSED, c.deviationFor(target.dialect())
                    .map(d -> "deviates from landrun: " + d.reason()).orElse(""));
        }
    }

    /** Why the case does not run on this target, or null. */
    static String skipReason(Target target, Case c) {
        for (Capability needed : c.requires()) {
            if (!target.dialect().has(needed)) {
                return target.dialect().id() + " lacks " + needed.description();
            }
        }
        var notApplicable = c.expected(target).notApplicable();
        if (notApplicable.isPresent()) {
            return notApplicable.get();
        }
        if (c.has(Tag.INTERNET) && !Internet.available()) {
            return "no route to the internet (the offline twin " + c.id() + "o covers it)";
        }
        return null;
    }

    private static void record(Target target, Case c, CaseResult.Status status, String detail) {
        RESULTS.add(new CaseResult(c.id(), c.name(), target.label(), target.effectiveAbi(), status, detail));
    }

    /** Every verdict so far, in order. */
    public static List<CaseResult> results() {
        return List.copyOf(RESULTS);
    }

    private static String abbreviate(String text) {
        String flat = text.strip().replace("\n", "\n          ");
        return flat.length() > 2000 ? flat.substring(0, 2000) + " ..." : flat;
    }
}
