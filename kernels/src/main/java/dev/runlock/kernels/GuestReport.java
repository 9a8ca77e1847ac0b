package dev.runlock.kernels;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What the guest script reported on its console: lines starting with {@value #MARKER}.
 * <pre>
 * @@kernels abi 6 [how it was probed]
 * @@kernels errata 0xf
 * @@kernels case NAME pass|fail|skip MILLIS DETAIL...
 * @@kernels done
 * </pre>
 * Other console lines (kernel messages, command output) are kept for failure messages.
 *
 * @param abi      the Landlock ABI the guest probed, empty if it never said
 * @param errata   the Landlock errata mask the guest probed, empty if it never said
 * @param cases    cases in the order they ran
 * @param finished whether the script reached its end
 * @param console  every console line
 */
public record GuestReport(OptionalInt abi, OptionalLong errata, List<CaseResult> cases, boolean finished, List<String> console) {

    /** Prefix of the lines the guest script writes for the runner. */
    public static final String MARKER = "@@kernels ";

    public GuestReport {
        cases = List.copyOf(cases);
        console = List.copyOf(console);
    }

    /** Parses a whole console transcript. */
    public static GuestReport parse(String transcript) {
        List<String> console = transcript.lines().map(line -> line.replace("\r", "")).toList();
        OptionalInt abi = OptionalInt.empty();
        OptionalLong errata = OptionalLong.empty();
        List<CaseResult> cases = new ArrayList<>();
        boolean finished = false;
        for (String line : console) {
            int at = line.indexOf(MARKER);
            if (at < 0) {
                continue;
            }
            String[] words = line.substring(at + MARKER.length()).strip().split(" ", 5);
            switch (words[0]) {
                case "abi" -> abi = parseAbi(words);
                case "errata" -> errata = parseErrata(words);
                case "case" -> cases.add(parseCase(line, words));
                case "done" -> finished = true;
                default -> cases.add(garbled(line));
            }
        }
        return new GuestReport(abi, errata, cases, finished, console);
    }

    /** Parses the console transcript in {@code file}; a missing file is an empty transcript. */
    public static GuestReport parse(Path file) {
        return parse(read(file));
    }

    /** The text of {@code file}, empty if the guest never wrote it; bad UTF-8 is replaced. */
    static String read(Path file) {
        try {
            return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The last {@code count} console lines, for failure messages. */
    public List<String> tail(int count) {
        return console.subList(Math.max(0, console.size() - count), console.size());
    }

    // A console line can be cut by kernel messages: count it as a failure rather than lose the run.
    private static CaseResult garbled(String line) {
        return new CaseResult("guest-protocol", CaseStatus.FAIL, Duration.ZERO, "unreadable report line: " + line);
    }

    private static OptionalInt parseAbi(String[] words) {
        return words.length > 1 && words[1].matches("\\d+")
                ? OptionalInt.of(Integer.parseInt(words[1]))
                : OptionalInt.empty();
    }

    private static OptionalLong parseErrata(String[] words) {
        return words.length > 1 && words[1].matches("0x[0-9a-f]+")
                ? OptionalLong.of(Long.parseLong(words[1].substring(2), 16))
                : OptionalLong.empty();
    }

    private static CaseResult parseCase(String line, String[] words) {
        if (words.length < 4 || !words[2].matches("pass|fail|skip") || !words[3].matches("\\d+")) {
            return garbled(line);
        }
        CaseStatus status = CaseStatus.valueOf(words[2].toUpperCase(Locale.ROOT));
        String detail = words.length > 4 ? words[4] : "";
        return new CaseResult(words[1], status, Duration.ofMillis(Long.parseLong(words[3])), detail);
    }
}
