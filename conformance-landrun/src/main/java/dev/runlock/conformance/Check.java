package dev.runlock.conformance;

import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;

/** A condition on a run beyond its exit status, described for failure messages. */
public record Check(String description, BiPredicate<Outcome, Fixture> test) {

    public static Check stdoutContains(String text) {
        return new Check("stdout contains '" + text + "'", (o, f) -> o.stdout().contains(text));
    }

    public static Check stdoutLacks(String text) {
        return new Check("stdout lacks '" + text + "'", (o, f) -> !o.stdout().contains(text));
    }

    public static Check stderrContains(String text) {
        return new Check("stderr contains '" + text + "'", (o, f) -> o.stderr().contains(text));
    }

    /** runlock's own failures: exactly one stderr line, starting "runlock:", naming the culprit. */
    public static Check oneErrorLine(String culprit) {
        return new Check("one stderr line starting 'runlock:' and naming '" + culprit + "'", (o, f) -> {
            var lines = o.stderrLines();
            return lines.size() == 1 && lines.getFirst().startsWith("runlock:") && lines.getFirst().contains(culprit);
        });
    }

    /** A stderr line starting with the prefix and mentioning the text. */
    public static Check stderrLine(String prefix, String text) {
        return new Check("a stderr line starting '" + prefix + "' mentioning '" + text + "'",
                (o, f) -> o.stderrLines().stream().anyMatch(l -> l.startsWith(prefix) && l.contains(text)));
    }

    /** The best-effort warning line, naming a feature the kernel lacks (or: no sandbox at all). */
    public static Check degradationWarning(Target target, Feature feature) {
        if (target.hostAbi() == 0) {
            return stderrLine("runlock: warning: sandbox NOT enforced: ", "Landlock");
        }
        return stderrLine("runlock: warning: sandbox partially enforced on Landlock ABI " + target.effectiveAbi(),
                "(ABI " + feature.abi() + ")");
    }

    /** The --compat hard refusal line, naming a feature the kernel or pin lacks (or why there is no Landlock). */
    public static Check refusal(Target target, Feature feature) {
        if (target.hostAbi() == 0) {
            return stderrLine("runlock: error: ", "(required by --compat hard)");
        }
        return stderrLine("runlock: error: Landlock ABI " + target.effectiveAbi(),
                "(ABI " + feature.abi() + ")");
    }

    /** The process the case started outside the sandbox ({@link Fixture#spawn}) is still alive. */
    public static Check outsideProcessSurvives() {
        return new Check("the process outside is still alive", (o, f) -> f.spawned().isAlive());
    }

    /** The process the case started outside the sandbox got the signal and died. */
    public static Check outsideProcessDies() {
        return new Check("the process outside got the signal", (o, f) -> {
            try {
                return f.spawned().waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }
}
