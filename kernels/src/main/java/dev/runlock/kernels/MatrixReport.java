package dev.runlock.kernels;

import dev.runlock.conformance.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Renders the matrix outcome as Markdown (for people) and JSON (for tools). */
public final class MatrixReport {

    private final List<KernelOutcome> outcomes;

    public MatrixReport(List<KernelOutcome> outcomes) {
        this.outcomes = List.copyOf(outcomes);
    }

    /** Writes {@code kernels-report.md} and {@code kernels-report.json} into {@code dir}. */
    public void write(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("kernels-report.md"), markdown());
            Files.writeString(dir.resolve("kernels-report.json"), json());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the kernel report to " + dir, e);
        }
    }

    public String markdown() {
        StringBuilder md = new StringBuilder("# Kernel matrix\n\n")
                .append("Console logs and conformance reports: `kernels/<kernel>/` next to this file.\n\n")
                .append("| kernel | packages | expected ABI | seen ABI | ran on | time | result |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (KernelOutcome outcome : outcomes) {
            md.append("| %s | %s | %d | %s | %s | %s | %s |\n".formatted(outcome.spec().name(), packages(outcome),
                    outcome.spec().expectedAbi(), seenAbi(outcome), outcome.runOn(), seconds(outcome.elapsed()),
                    outcome.passed() ? "pass" : "**FAIL**"));
        }
        md.append("\n| kernel | case | result | time | detail |\n|---|---|---|---|---|\n");
        for (KernelOutcome outcome : outcomes) {
            for (CaseResult result : outcome.guest().cases()) {
                md.append("| %s | %s | %s | %s | %s |\n".formatted(outcome.spec().name(), result.name(),
                        result.status().name().toLowerCase(Locale.ROOT), seconds(result.time()),
                        result.detail().replace("|", "\\|")));
            }
        }
        for (KernelOutcome outcome : outcomes.stream().filter(o -> !o.passed()).toList()) {
            md.append("\n## ").append(outcome.spec().name()).append(" failed\n\n```\n")
                    .append(String.join("\n", outcome.problems())).append("\n```\n");
        }
        return md.toString();
    }

    public String json() {
        return outcomes.stream().map(MatrixReport::json).collect(Collectors.joining(",\n", "[\n", "\n]\n"));
    }

    private static String json(KernelOutcome outcome) {
        String packages = outcome.packages().stream()
                .map(p -> "{\"name\": %s, \"version\": %s}".formatted(Json.quote(p.name()), Json.quote(p.version())))
                .collect(Collectors.joining(", ", "[", "]"));
        String cases = outcome.guest().cases().stream()
                .map(c -> "{\"name\": %s, \"status\": %s, \"millis\": %d, \"detail\": %s}".formatted(Json.quote(c.name()),
                        Json.quote(c.status().name().toLowerCase(Locale.ROOT)), c.time().toMillis(),
                        Json.quote(c.detail())))
                .collect(Collectors.joining(",\n      ", "[\n      ", "\n    ]"));
        String problems = outcome.problems().stream().map(Json::quote)
                .collect(Collectors.joining(", ", "[", "]"));
        return """
                  {"kernel": %s, "expectedAbi": %d, "seenAbi": %s, "ranOn": %s, "millis": %d, "passed": %b,
                    "packages": %s,
                    "cases": %s,
                    "problems": %s}""".formatted(Json.quote(outcome.spec().name()), outcome.spec().expectedAbi(),
                outcome.guest().abi().isPresent() ? String.valueOf(outcome.guest().abi().getAsInt()) : "null",
                Json.quote(outcome.runOn()), outcome.elapsed().toMillis(), outcome.passed(), packages, cases, problems);
    }

    private static String packages(KernelOutcome outcome) {
        return outcome.packages().isEmpty()
                ? "-"
                : outcome.packages().stream().map(p -> p.name() + " " + p.version()).collect(Collectors.joining(", "));
    }

    private static String seenAbi(KernelOutcome outcome) {
        return outcome.guest().abi().isPresent() ? String.valueOf(outcome.guest().abi().getAsInt()) : "-";
    }

    private static String seconds(Duration time) {
        return "%.1f s".formatted(time.toMillis() / 1000.0);
    }
}
