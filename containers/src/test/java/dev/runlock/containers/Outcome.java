package dev.runlock.containers;

import java.util.List;

/** What a command run in a container did. */
record Outcome(int exit, String stdout, String stderr) {

    List<String> stderrLines() {
        return stderr.lines().toList();
    }

    /** For assertion messages: everything, on one screen. */
    @Override
    public String toString() {
        return "exit " + exit + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
}
