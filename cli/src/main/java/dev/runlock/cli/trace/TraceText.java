package dev.runlock.cli.trace;

import dev.runlock.cli.text.Printable;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Strings in strace's {@code -xx} output: every byte as {@code \xNN}, so no quote, newline,
 * {@code >} or {@code =} in a file name can shift the parse. Decoded names are kept as "byte
 * strings": one char per byte (ISO-8859-1), so equality and {@code /} splitting work on the raw
 * bytes even when the name is not UTF-8.
 */
public final class TraceText {
    private TraceText() {
    }

    /**
     * The bytes of {@code "\x2f\x65..."} (quotes included), or of {@code \x2f...} inside a
     * {@code <...>} annotation; empty if {@code text} is not entirely hex escapes (such as a
     * string strace truncated with {@code ...}).
     */
    public static Optional<String> hexBytes(String text) {
        String body = text;
        if (body.length() >= 2 && body.startsWith("\"") && body.endsWith("\"")) {
            body = body.substring(1, body.length() - 1);
        }
        if (body.length() % 4 != 0) {
            return Optional.empty();
        }
        StringBuilder bytes = new StringBuilder(body.length() / 4);
        for (int i = 0; i < body.length(); i += 4) {
            if (body.charAt(i) != '\\' || body.charAt(i + 1) != 'x'
                    || !HexFormat.isHexDigit(body.charAt(i + 2)) || !HexFormat.isHexDigit(body.charAt(i + 3))) {
                return Optional.empty();
            }
            bytes.append((char) HexFormat.fromHexDigits(body, i + 2, i + 4));
        }
        return Optional.of(bytes.toString());
    }

    /** A byte string as text, if its bytes are valid UTF-8. */
    public static Optional<String> utf8(String byteString) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(byteString.getBytes(StandardCharsets.ISO_8859_1))).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /**
     * A byte string for a one-line message: UTF-8 text as {@link Printable} shows it; if the bytes
     * are not UTF-8, every byte outside printable ASCII as {@code \xNN}.
     */
    public static String display(String byteString) {
        return utf8(byteString).map(Printable::of).orElseGet(() -> {
            StringBuilder out = new StringBuilder();
            for (char b : byteString.toCharArray()) {
                out.append(b < 0x20 || b >= 0x7f ? Printable.hexByte(b) : String.valueOf(b));
            }
            return out.toString();
        });
    }
}
