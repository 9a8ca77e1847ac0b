package dev.runlock.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** A run's verdicts as the closing line, report.md and report.json. */
record Report(Settings settings, List<CaseResult> results) {

    long count(CaseResult.Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

    long failed() {
        return count(CaseResult.Status.FAILED);
    }

    /** The closing line: "N passed, N failed, N skipped". */
    String summary() {
        return count(CaseResult.Status.PASSED) + " passed, " + failed() + " failed, " + count(CaseResult.Status.SKIPPED)
                + " skipped";
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("report.md"), markdown(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("report.json"), json(), StandardCharsets.UTF_8);
    }

    private String markdown() {
        Implementation impl = settings.implementation();
        StringBuilder md = new StringBuilder("# Conformance report\n\n")
                .append("Implementation: ").append(impl.dialect().id()).append(" (`").append(impl.binary()).append("`), subset ")
                .append(settings.subset().name().toLowerCase(java.util.Locale.ROOT)).append(".\n\n")
                .append(summary()).append(".\n\n| Case | Name | Target | ABI used | Result | Detail |\n|---|---|---|---|---|---|\n");
        for (CaseResult r : results) {
            md.append("| ").append(r.id()).append(" | ").append(cell(r.name())).append(" | ").append(r.target())
                    .append(" | ").append(r.effectiveAbi()).append(" | ").append(r.status()).append(" | ")
                    .append(cell(r.detail())).append(" |\n");
        }
        return md.toString();
    }

    private String json() {
        Implementation impl = settings.implementation();
        String rows = results.stream().map(r -> "    {\"id\": " + Json.quote(r.id()) + ", \"name\": " + Json.quote(r.name())
                + ", \"target\": " + Json.quote(r.target()) + ", \"abi\": " + r.effectiveAbi() + ", \"result\": "
                + Json.quote(r.status().name().toLowerCase(java.util.Locale.ROOT)) + ", \"detail\": " + Json.quote(r.detail()) + "}")
                .collect(Collectors.joining(",\n"));
        return "{\n  \"implementation\": " + Json.quote(impl.dialect().id()) + ",\n  \"binary\": " + Json.quote(impl.binary().toString())
                + ",\n  \"passed\": " + count(CaseResult.Status.PASSED) + ",\n  \"failed\": " + failed()
                + ",\n  \"skipped\": " + count(CaseResult.Status.SKIPPED) + ",\n  \"results\": [\n" + rows + "\n  ]\n}\n";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", "<br>");
    }
}
