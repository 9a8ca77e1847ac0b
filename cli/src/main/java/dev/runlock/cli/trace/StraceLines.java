package dev.runlock.cli.trace;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the lines of {@code strace -f -xx -yy -o FILE} into {@link Syscall}s. strace writes for
 * people, and the traced command chooses its file names: every line is parsed defensively, and
 * a line that does not have the expected shape is skipped, never guessed at. With {@code -xx}
 * every string is hex escapes, so only strace's own punctuation is left to parse.
 */
public final class StraceLines {
    private static final Pattern LINE = Pattern.compile("(\\d+) +(.*)");
    private static final Pattern CALL = Pattern.compile("([a-z0-9_]+)\\((.*)");
    private static final Pattern RESUMED = Pattern.compile("<\\.\\.\\. ([a-z0-9_]+) resumed>(.*)");
    private static final Pattern RESULT = Pattern.compile(
            "\\s+= (-?\\d+|0x[0-9a-f]+|\\?)(<.*>)?(?: (E[A-Z0-9]+) \\(.*\\))?(?: .*)?");
    private static final String UNFINISHED = " <unfinished ...>";
    /** An execve by a thread other than the leader: the process continues under the leader's pid. */
    private static final Pattern PID_CHANGED = Pattern.compile("(.*) <pid changed to (\\d{1,9}) \\.\\.\\.>");
    /**
     * The leader's line when another thread's execve replaced it. If that execve's line was cut
     * short ({@code <unfinished ...>}: some thread printed in between), strace writes no "pid
     * changed" and the execve resumes under the leader's pid instead.
     */
    private static final Pattern SUPERSEDED = Pattern.compile("\\+\\+\\+ superseded by execve in pid (\\d{1,9}) \\+\\+\\+");

    /** Calls a thread started and had not finished when another thread's line came. */
    private final Map<Integer, Pending> pending = new HashMap<>();

    private record Pending(String name, String argsSoFar) {}

    /** The call this line completes, if it completes one. */
    public Optional<Syscall> accept(String line) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            return Optional.empty();
        }
        int pid;
        try {
            pid = Integer.parseInt(m.group(1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        String rest = m.group(2);
        Matcher superseded = SUPERSEDED.matcher(rest);
        if (superseded.matches()) {
            Pending execve = pending.remove(Integer.parseInt(superseded.group(1)));
            if (execve != null && execve.name().startsWith("execve")) {
                pending.put(pid, execve);
            }
            return Optional.empty();
        }
        Matcher resumed = RESUMED.matcher(rest);
        if (resumed.matches()) {
            Pending started = pending.remove(pid);
            if (started == null || !started.name().equals(resumed.group(1))) {
                return Optional.empty();
            }
            return complete(pid, started.name(), started.argsSoFar() + resumed.group(2));
        }
        Matcher call = CALL.matcher(rest);
        if (!call.matches()) {
            return Optional.empty();
        }
        Matcher changed = PID_CHANGED.matcher(call.group(2));
        if (call.group(1).startsWith("execve") && changed.matches()) {
            List<String> args = new ArrayList<>();
            scan(changed.group(1), args);
            return Optional.of(new Syscall(Integer.parseInt(changed.group(2)), call.group(1), args, 0,
                    Optional.empty(), Optional.empty()));
        }
        if (rest.endsWith(UNFINISHED)) {
            String args = call.group(2);
            pending.put(pid, new Pending(call.group(1), args.substring(0, args.length() - UNFINISHED.length())));
            return Optional.empty();
        }
        return complete(pid, call.group(1), call.group(2));
    }

    /** {@code body} is everything after {@code name(}: the arguments, {@code )}, then the result. */
    private static Optional<Syscall> complete(int pid, String name, String body) {
        List<String> args = new ArrayList<>();
        int close = scan(body, args);
        if (close < 0) {
            return Optional.empty();
        }
        Matcher result = RESULT.matcher(body.substring(close + 1));
        if (!result.matches()) {
            return Optional.empty();
        }
        String value = result.group(1);
        long number;
        if (value.equals("?")) {
            number = 0;
        } else if (value.startsWith("0x")) {
            number = Long.parseUnsignedLong(value.substring(2), 16);
        } else {
            try {
                number = Long.parseLong(value);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        Optional<String> fd = Optional.ofNullable(result.group(2)).flatMap(StraceLines::annotation);
        return Optional.of(new Syscall(pid, name, args, number, fd,
                Optional.ofNullable(result.group(3))));
    }

    /** The path in a descriptor annotation {@code <\x2f...>} or {@code <\x2f...<char 1:3>>}. */
    static Optional<String> annotation(String bracketed) {
        if (!bracketed.startsWith("<") || !bracketed.endsWith(">")) {
            return Optional.empty();
        }
        String inner = bracketed.substring(1, bracketed.length() - 1);
        int nested = inner.indexOf('<');
        return TraceText.hexBytes(nested < 0 ? inner : inner.substring(0, nested));
    }

    /**
     * Splits {@code body} at top-level {@code ", "} into {@code args}, up to the {@code )} that
     * closes the argument list; returns that {@code )}'s index, or -1 if there is none. Brackets
     * nest and strings are skipped; a {@code >} only closes a {@code <} (not the one in {@code =>}).
     */
    private static int scan(String body, List<String> args) {
        Deque<Character> open = new ArrayDeque<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (quoted) {
                quoted = c != '"';
                continue;
            }
            switch (c) {
                case '"' -> quoted = true;
                case '(', '[', '{', '<' -> open.push(c);
                case ')', ']', '}', '>' -> {
                    if (c == ')' && open.isEmpty()) {
                        addArg(args, body.substring(start, i));
                        return i;
                    }
                    if (!open.isEmpty() && open.peek() == opener(c)) {
                        open.pop();
                    }
                }
                case ',' -> {
                    if (open.isEmpty()) {
                        addArg(args, body.substring(start, i));
                        start = i + 1;
                    }
                }
                default -> { }
            }
        }
        addArg(args, body.substring(start));
        return -1;
    }

    private static void addArg(List<String> args, String arg) {
        if (!arg.isBlank() || !args.isEmpty()) {
            args.add(arg.strip());
        }
    }

    private static char opener(char closer) {
        return switch (closer) {
            case ')' -> '(';
            case ']' -> '[';
            case '}' -> '{';
            default -> '<';
        };
    }
}
