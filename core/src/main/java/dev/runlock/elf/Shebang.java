package dev.runlock.elf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A script's {@code #!} line as Linux reads it: the interpreter, then at most one argument (the
 * rest of the line, trimmed).
 */
record Shebang(String interpreter, Optional<String> argument) {

    /** Linux reads this many bytes of a script (BINPRM_BUF_SIZE). */
    static final int LINE_LIMIT = 256;

    /** env options that take a value in the next word. */
    private static final List<String> ENV_OPTIONS_WITH_VALUE = List.of("-u", "--unset", "-C", "--chdir");

    static boolean hasMagic(byte[] start) {
        return start.length >= 2 && start[0] == '#' && start[1] == '!';
    }

    /**
     * Parses the first bytes of a script.
     *
     * @param name the script's name for error messages
     * @throws ResolveException if the line names no interpreter or does not fit the kernel's buffer
     */
    static Shebang parse(byte[] start, String name) {
        int end = 2;
        while (end < start.length && start[end] != '\n') {
            end++;
        }
        String raw = new String(Arrays.copyOfRange(start, 2, end), StandardCharsets.UTF_8);
        int nul = raw.indexOf('\0');
        String line = (nul >= 0 ? raw.substring(0, nul) : raw).strip();
        if (line.isEmpty()) {
            throw new ResolveException(name, "#! line names no interpreter");
        }
        // Linux cuts the line at its buffer size, which is fatal only when it cuts the interpreter's name.
        boolean cut = end == start.length && start.length >= LINE_LIMIT;
        if (cut && nul < 0 && indexOfBlank(raw.stripLeading()) < 0) {
            throw new ResolveException(name, "#! interpreter name longer than " + LINE_LIMIT + " bytes");
        }
        int space = indexOfBlank(line);
        if (space < 0) {
            return new Shebang(line, Optional.empty());
        }
        return new Shebang(line.substring(0, space), Optional.of(line.substring(space).strip()));
    }

    private static int indexOfBlank(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == ' ' || text.charAt(i) == '\t') {
                return i;
            }
        }
        return -1;
    }

    /** Whether the interpreter is env, which looks its first operand up on PATH. */
    boolean isEnv() {
        return interpreter.substring(interpreter.lastIndexOf('/') + 1).equals("env");
    }

    /** The program {@code env} will run: its first operand after options and assignments. */
    Optional<String> envCommand() {
        String[] words = argument.orElse("").split("[ \t]+");
        for (int i = 0; i < words.length; i++) {
            String word = words[i];
            if (ENV_OPTIONS_WITH_VALUE.contains(word)) {
                i++;
            } else if (!word.isEmpty() && !word.startsWith("-") && !word.contains("=")) {
                return Optional.of(word);
            }
        }
        return Optional.empty();
    }
}
