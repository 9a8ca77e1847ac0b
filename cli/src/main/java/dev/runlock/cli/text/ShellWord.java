package dev.runlock.cli.text;

import java.nio.charset.StandardCharsets;

/**
 * A word as a shell reads it back: as is when it holds only safe characters, single-quoted when
 * every character shows as itself, else in bash's and zsh's {@code $'...'} quoting with escapes
 * ({@code $'a\nb'}), so that pasting it gives back the very bytes, a line break or a byte that is
 * not UTF-8 included. Either way the result holds no character a terminal would obey.
 */
public final class ShellWord {
    private static final String SAFE_PUNCTUATION = "/._-+,:@%";
    private static final int FIRST_BYTE_ESCAPE = 0xDC80;
    private static final int LAST_BYTE_ESCAPE = 0xDCFF;

    private ShellWord() {
    }

    /**
     * {@code text} quoted for pasting into a shell; a byte that was not UTF-8 is carried as
     * U+DC80..U+DCFF (core's {@code ByteStrings}).
     */
    public static String of(String text) {
        if (!text.isEmpty() && text.chars().allMatch(c -> Character.isLetterOrDigit(c) || SAFE_PUNCTUATION.indexOf(c) >= 0)) {
            return text;
        }
        if (text.codePoints().allMatch(Printable::shown)) {
            return "'" + text.replace("'", "'\\''") + "'";
        }
        StringBuilder out = new StringBuilder("$'");
        text.codePoints().forEach(c -> {
            if (c == '\\' || c == '\'') {
                out.append('\\').appendCodePoint(c);
            } else if (Printable.shown(c)) {
                out.appendCodePoint(c);
            } else if (c >= FIRST_BYTE_ESCAPE && c <= LAST_BYTE_ESCAPE) {
                out.append(String.format("\\x%02x", c - FIRST_BYTE_ESCAPE + 0x80));
            } else {
                // Its UTF-8 bytes: a code point's escape depends on the locale; 0x85 alone is another byte.
                for (byte b : new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8)) {
                    out.append(String.format("\\x%02x", b & 0xff));
                }
            }
        });
        return out.append('\'').toString();
    }
}
