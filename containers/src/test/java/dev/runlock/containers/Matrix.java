package dev.runlock.containers;

import dev.runlock.conformance.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.function.ThrowingSupplier;
import org.opentest4j.TestAbortedException;

/**
 * The userland × case report: every probe's outcome, grouped in sections (one per test class),
 * written as containers-report.md and containers-report.json. Shared by the test classes of
 * one run, so the last one to finish writes the whole report.
 */
final class Matrix {
    private static final Matrix SHARED = new Matrix();
    private static final int NOTE_LIMIT = 240;

    /** How one probe ended. */
    enum Status {
        PASS("pass"),
        FAIL("FAIL"),
        SKIP("skip");

        private final String text;

        Status(String text) {
            this.text = text;
        }
    }

    /** One cell: status, what was seen (or why it failed) and how long the probe took. */
    record Cell(Status status, String note, long millis) {
    }

    private final Map<String, Map<String, Map<String, Cell>>> sections = new LinkedHashMap<>();

    static Matrix shared() {
        return SHARED;
    }

    /** Runs the probe, records its cell and rethrows its failure, so JUnit sees the same outcome. */
    void record(String section, String row, String column, ThrowingSupplier<String> probe) throws Throwable {
        long start = System.nanoTime();
        try {
            String note = probe.get();
            put(section, row, column, new Cell(Status.PASS, note, elapsed(start)));
        } catch (TestAbortedException e) {
            put(section, row, column, new Cell(Status.SKIP, summary(e), elapsed(start)));
            throw e;
        } catch (Throwable e) {
            put(section, row, column, new Cell(Status.FAIL, summary(e), elapsed(start)));
            throw e;
        }
    }

    synchronized void put(String section, String row, String column, Cell cell) {
        sections.computeIfAbsent(section, s -> new LinkedHashMap<>())
                .computeIfAbsent(row, r -> new LinkedHashMap<>())
                .put(column, cell);
    }

    synchronized String markdown() {
        StringBuilder out = new StringBuilder("# runlock in containers\n\n")
                .append("`mvn verify -Pcontainers` (module containers): each Debian userland × case; ")
                .append("pass/FAIL/skip with what was observed and the probe's time.\n");
        sections.forEach((name, rows) -> {
            List<String> columns = columns(rows);
            out.append("\n## ").append(name).append("\n\n| userland | ").append(String.join(" | ", columns))
                    .append(" |\n|---|").append("---|".repeat(columns.size())).append('\n');
            rows.forEach((row, cells) -> {
                out.append("| ").append(row).append(" |");
                for (String column : columns) {
                    Cell cell = cells.get(column);
                    out.append(' ').append(cell == null ? "-" : cellText(cell)).append(" |");
                }
                out.append('\n');
            });
        });
        return out.append('\n').append(totals()).append('\n').toString();
    }

    synchronized String json() {
        List<String> sectionJson = new ArrayList<>();
        sections.forEach((name, rows) -> {
            List<String> rowJson = new ArrayList<>();
            rows.forEach((row, cells) -> {
                List<String> cellJson = new ArrayList<>();
                cells.forEach((column, cell) -> cellJson.add("{\"case\": " + Json.quote(column) + ", \"status\": "
                        + Json.quote(cell.status().name().toLowerCase(java.util.Locale.ROOT)) + ", \"note\": "
                        + Json.quote(cell.note()) + ", \"ms\": " + cell.millis() + "}"));
                rowJson.add("{\"userland\": " + Json.quote(row) + ", \"cases\": [" + String.join(", ", cellJson) + "]}");
            });
            sectionJson.add("{\"section\": " + Json.quote(name) + ", \"rows\": [\n    " + String.join(",\n    ", rowJson) + "]}");
        });
        return "{\"sections\": [\n  " + String.join(",\n  ", sectionJson) + "]}\n";
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("containers-report.md"), markdown());
        Files.writeString(dir.resolve("containers-report.json"), json());
    }

    private String totals() {
        Map<Status, Integer> counts = new LinkedHashMap<>();
        sections.values().forEach(rows -> rows.values().forEach(cells -> cells.values().forEach(
                cell -> counts.merge(cell.status(), 1, Integer::sum))));
        List<String> parts = new ArrayList<>();
        for (Status status : Status.values()) {
            parts.add(counts.getOrDefault(status, 0) + " " + status.text);
        }
        return "Total: " + String.join(", ", parts) + ".";
    }

    private static List<String> columns(Map<String, Map<String, Cell>> rows) {
        Set<String> columns = new LinkedHashSet<>();
        rows.values().forEach(cells -> columns.addAll(cells.keySet()));
        return List.copyOf(columns);
    }

    private static String cellText(Cell cell) {
        String note = cell.note().isEmpty() ? "" : ": " + cell.note().replace("|", "\\|");
        return cell.status().text + note + " (" + cell.millis() + " ms)";
    }

    /** The failure on one line (AssertJ spreads "expected" and "actual" over several). */
    private static String summary(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String line = message.strip().replaceAll("\\s+", " ");
        return line.length() > NOTE_LIMIT ? line.substring(0, NOTE_LIMIT) + "…" : line;
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
