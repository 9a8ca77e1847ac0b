package dev.runlock.cli.text;

/** A word as a POSIX shell reads it back: as is when it holds only safe characters, else single-quoted. */
public final class ShellWord {
    private static final String SAFE_PUNCTUATION = "/._-+,:@%";

    private ShellWord() {
    }

    /** {@code text} quoted for pasting into a shell; escape what a terminal would obey with {@link Printable} first. */
    public static String of(String text) {
        return !text.isEmpty() && text.chars().allMatch(c -> Character.isLetterOrDigit(c)
                || SAFE_PUNCTUATION.indexOf(c) >= 0) ? text : "'" + text.replace("'", "'\\''") + "'";
    }
}
