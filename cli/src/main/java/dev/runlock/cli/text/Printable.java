package dev.runlock.cli.text;

/**
 * One line of text made safe to print: every character that is not {@link #shown shown as itself}
 * becomes a visible escape, so a hostile name cannot send terminal sequences (ESC, the C1 CSI
 * U+009B), reorder what the user reads (bidi overrides and isolates) or hide part of it
 * (zero-width characters). Other text, accents and CJK included, is left as it is.
 */
public final class Printable {
    private static final int FIRST_BYTE_ESCAPE = 0xDC80;
    private static final int LAST_BYTE_ESCAPE = 0xDCFF;

    private Printable() {
    }

    /** {@code text} with each character that is not {@link #shown} replaced by its {@link #escape}. */
    public static String of(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            int next = i + Character.charCount(c);
            if (!shown(c)) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                out.append(escape(c));
            } else if (out != null) {
                out.append(text, i, next);
            }
            i = next;
        }
        return out == null ? text : out.toString();
    }

    /**
     * Whether {@code codePoint} may reach a terminal as itself: not a control (C0, DEL, C1; tab
     * included, it moves the cursor), not a format character (bidi controls, zero-width
     * characters, U+FEFF), not a line or paragraph separator, not a lone surrogate.
     */
    public static boolean shown(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SURROGATE -> false;
            default -> true;
        };
    }

    /**
     * The escape for a character that is not {@link #shown}: {@code \xNN} for a control below
     * U+00A0 and for a byte that was not UTF-8 (carried as U+DC80..U+DCFF, see core's
     * {@code ByteStrings}), <code>&#92;u{XXXX}</code> for any other.
     */
    public static String escape(int codePoint) {
        if (codePoint >= FIRST_BYTE_ESCAPE && codePoint <= LAST_BYTE_ESCAPE) {
            return hexByte(codePoint - FIRST_BYTE_ESCAPE + 0x80);
        }
        return codePoint < 0xa0 ? hexByte(codePoint) : String.format("\\u{%04X}", codePoint);
    }

    /** A byte as {@code \xNN}. */
    public static String hexByte(int b) {
        return String.format("\\x%02x", b);
    }
}
