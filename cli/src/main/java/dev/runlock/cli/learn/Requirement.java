package dev.runlock.cli.learn;

import dev.runlock.cli.trace.TraceText;
import java.util.Set;
import java.util.TreeSet;

/**
 * One path or port the command needs, with why: the verbs and programs behind it.
 *
 * @param target a path (a byte string, see {@code TraceText}), a port number as text, or a preset's name
 * @param verbs what was done to the target; for a preset, what it covers
 * @param programs the basenames (byte strings) of the programs that did it
 * @param below how many used paths a directory entry stands for; 0 for a path used itself
 */
public record Requirement(String target, Need need, Set<String> verbs, Set<String> programs, int below) {
    public Requirement {
        verbs = Set.copyOf(new TreeSet<>(verbs));
        programs = Set.copyOf(new TreeSet<>(programs));
    }

    /** The same need with the reasons of {@code other} added. */
    Requirement merge(Requirement other) {
        Set<String> v = new TreeSet<>(verbs);
        v.addAll(other.verbs);
        Set<String> p = new TreeSet<>(programs);
        p.addAll(other.programs);
        return new Requirement(target, need, v, p, below + other.below);
    }

    /** Why, for the entry's comment: e.g. {@code read, listed by git; 12 paths below}. */
    public String reason() {
        if (need == Need.PRESET) {
            return "covers " + String.join(", ", new TreeSet<>(verbs)) + ", used by " + programNames();
        }
        String why = String.join(", ", new TreeSet<>(verbs)) + " by " + programNames();
        return below > 0 ? why + "; " + below + " paths below" : why;
    }

    private String programNames() {
        return String.join(", ", new TreeSet<>(programs).stream().map(TraceText::display).toList());
    }
}
