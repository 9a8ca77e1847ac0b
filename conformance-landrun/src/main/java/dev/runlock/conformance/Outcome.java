package dev.runlock.conformance;

import java.util.List;

/** What a run showed the caller: exit status (128+N for death by signal N) and output. */
public record Outcome(int status, String stdout, String stderr) {

    public List<String> stderrLines() {
        return stderr.lines().toList();
    }
}
