package dev.runlock.conformance;

import java.util.List;
import java.util.stream.Collectors;

/** The case tables as Markdown, for CASES.md ({@code --list-cases}). */
final class CasesTable {
    private CasesTable() {
    }

    static String markdown() {
        return "## landrun's test.sh\n\n" + table(LandrunCases.all())
                + "\n## Offline twins of the internet cases\n\n" + table(LandrunCases.offlineTwins())
                + "\n## runlock's own cases\n\n" + table(OwnCases.all());
    }

    private static String table(List<Case> cases) {
        Implementation runlock = new Implementation(java.nio.file.Path.of("runlock"), Dialect.RUNLOCK);
        return "| Id | Test name | Tags | landrun lacks | Features | Deliberate deviation (dialect: reason) |\n|---|---|---|---|---|---|\n"
                + cases.stream().map(c -> "| " + c.id() + " | " + c.name().replace("|", "\\|") + " | "
                        + c.tags().stream().map(t -> t.name().toLowerCase(java.util.Locale.ROOT)).collect(Collectors.joining(", "))
                        + " | " + c.requires().stream().filter(r -> !Dialect.LANDRUN.has(r)).map(Capability::description)
                        .collect(Collectors.joining(", "))
                        + " | " + c.features(runlock).stream().map(f -> f.name().toLowerCase(java.util.Locale.ROOT))
                        .collect(Collectors.joining(", ")) + " | "
                        + c.deviations().stream().map(d -> d.dialect().id() + ": " + d.reason()).collect(Collectors.joining("; "))
                        + " |\n").collect(Collectors.joining());
    }
}
