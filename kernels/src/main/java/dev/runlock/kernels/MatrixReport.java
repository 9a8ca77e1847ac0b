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
                .append("| kernel | Landlock ABI | errata | result | time | qemu CPU | boot | one runlock start | conformance | cli tests |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (KernelOutcome outcome : outcomes) {
            md.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n".formatted(outcome.spec().name(), abi(outcome),
                    errata(outcome), outcome.passed() ? "pass" : "**FAIL**", seconds(outcome.elapsed()),
                    outcome.cpu().isZero() ? "-" : seconds(outcome.cpu()),
                    caseTime(outcome, "boot"), caseTime(outcome, "runlock-start"), caseTime(outcome, "conformance"),
                    caseTime(outcome, "cli-tests")));
        }
        md.append("\n| kernel | packages | ran on |\n|---|---|---|\n");
        for (KernelOutcome outcome : outcomes) {
            md.append("| %s | %s | %s |\n".formatted(outcome.spec().name(), packages(outcome), outcome.runOn()));
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
                  {"kernel": %s, "expectedAbi": %d, "seenAbi": %s, "errata": %s, "ranOn": %s, "millis": %d, "cpuMillis": %d, "passed": %b,
                    "packages": %s,
                    "cases": %s,
                    "problems": %s}""".formatted(Json.quote(outcome.spec().name()), outcome.spec().expectedAbi(),
                outcome.guest().abi().isPresent() ? String.valueOf(outcome.guest().abi().getAsInt()) : "null",
                outcome.guest().errata().isPresent() ? String.valueOf(outcome.guest().errata().getAsLong()) : "null",
                Json.quote(outcome.runOn()), outcome.elapsed().toMillis(), outcome.cpu().toMillis(), outcome.passed(), packages, cases, problems);
    }

    private static String packages(KernelOutcome outcome) {
        return outcome.packages().isEmpty()
                ? "-"
                : outcome.packages().stream().map(p -> p.name() + " " + p.version()).collect(Collectors.joining(", "));
    }

    /** The ABI the guest reported, and the expected one where they differ. */
    private static String abi(KernelOutcome outcome) {
        int expected = outcome.spec().expectedAbi();
        if (outcome.guest().abi().isEmpty()) {
            return "? (expected " + expected + ")";
        }
        int seen = outcome.guest().abi().getAsInt();
        return seen == expected ? String.valueOf(seen) : seen + " (expected " + expected + ")";
    }

    private static String errata(KernelOutcome outcome) {
        return outcome.guest().errata().isPresent() ? "0x" + Long.toHexString(outcome.guest().errata().getAsLong()) : "-";
    }

    private static String caseTime(KernelOutcome outcome, String name) {
        return outcome.guest().cases().stream().filter(c -> c.name().equals(name)).findFirst()
                .map(c -> seconds(c.time())).orElse("-");
    }

    private static String seconds(Duration time) {
        return "%.1f s".formatted(time.toMillis() / 1000.0);
    }
}
