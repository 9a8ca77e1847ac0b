package dev.runlock.os;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Java strings that carry the kernel's byte strings (arguments, variables, file names) exactly:
 * UTF-8, with each byte that is not part of valid UTF-8 kept as the lone surrogate
 * {@code U+DC80..U+DCFF} (Python's "surrogateescape", PEP 383). Decoding then encoding gives back
 * the very bytes, which the JVM's own locale-based decoding does not (it makes them U+FFFD).
 */
public final class ByteStrings {
    private static final char FIRST_ESCAPE = '\uDC80';
    private static final char LAST_ESCAPE = '\uDCFF';
    private static final char REPLACEMENT = '\uFFFD';

    private ByteStrings() {
    }

    /** The string for {@code bytes[from, to)}. */
    public static String decode(byte[] bytes, int from, int to) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, from, to - from);
        CharBuffer out = CharBuffer.allocate(to - from);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isUnderflow()) {
                break;
            }
            for (int i = 0; i < result.length(); i++) {
                out.put((char) (FIRST_ESCAPE - 0x80 + (in.get() & 0xFF)));
            }
        }
        return out.flip().toString();
    }

    /** The NUL-separated entries of {@code bytes}, as {@code /proc/self/cmdline} and {@code environ} hold them. */
    public static List<String> entries(byte[] bytes) {
        List<String> entries = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                entries.add(decode(bytes, start, i));
                start = i + 1;
            }
        }
        return entries;
    }

    /** The bytes {@code value} stands for. */
    public static byte[] encode(String value) {
        if (!escaped(value)) {
            return value.getBytes(StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length());
        int run = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= FIRST_ESCAPE && c <= LAST_ESCAPE && (i == 0 || !Character.isHighSurrogate(value.charAt(i - 1)))) {
                out.writeBytes(value.substring(run, i).getBytes(StandardCharsets.UTF_8));
                out.write(c - FIRST_ESCAPE + 0x80);
                run = i + 1;
            }
        }
        out.writeBytes(value.substring(run).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /**
     * The path named by {@code value}, escaped bytes included: {@link Path#of} would refuse them, a
     * {@code file:} URI carries any byte.
     */
    public static Path path(String value) {
        if (!escaped(value)) {
            return Path.of(value);
        }
        StringBuilder uri = new StringBuilder("file://");
        if (!value.startsWith("/")) {
            uri.append('/');
        }
        HexFormat hex = HexFormat.of().withUpperCase();
        for (byte b : encode(value)) {
            if (b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || "/-._~".indexOf(b) >= 0) {
                uri.append((char) b);
            } else {
                uri.append('%').append(hex.toHexDigits(b));
            }
        }
        Path absolute = Path.of(URI.create(uri.toString()));
        return value.startsWith("/") ? absolute : Path.of("/").relativize(absolute);
    }

    /**
     * The bytes of {@code path}'s name, which {@link Path#toString} loses where they are not UTF-8;
     * such a path is made absolute first.
     */
    public static byte[] bytes(Path path) {
        String text = path.toString();
        if (text.indexOf(REPLACEMENT) < 0) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        String raw = path.toAbsolutePath().toUri().getRawPath();
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                out.write(HexFormat.fromHexDigits(raw, i + 1, i + 3));
                i += 2;
            } else {
                out.write(c);
            }
        }
        byte[] bytes = out.toByteArray();
        // toUri marks a directory with a trailing slash that the path itself does not have.
        boolean slashAdded = bytes.length > 1 && bytes[bytes.length - 1] == '/' && !text.endsWith("/");
        return slashAdded ? Arrays.copyOf(bytes, bytes.length - 1) : bytes;
    }

    /** The string of {@code path} with its bytes kept. */
    public static String string(Path path) {
        byte[] bytes = bytes(path);
        return decode(bytes, 0, bytes.length);
    }

    private static boolean escaped(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= FIRST_ESCAPE && c <= LAST_ESCAPE) {
                return true;
            }
        }
        return false;
    }
}
