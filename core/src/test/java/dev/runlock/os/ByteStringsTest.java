package dev.runlock.os;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bytes that are not UTF-8 survive the trip through a Java string, a path and back. */
class ByteStringsTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "d\\xff\\xfe", "\\xc3\\xa9t\\xc3\\xa9", "\\xc3", "\\xed\\xa0\\x80", "\\xf0\\x9f\\x98\\x80\\x80"})
    void decodingThenEncodingGivesTheSameBytes(String escaped) {
        byte[] bytes = bytes(escaped);

        String decoded = ByteStrings.decode(bytes, 0, bytes.length);

        assertThat(ByteStrings.encode(decoded)).isEqualTo(bytes);
    }

    @Test
    void validUtf8DecodesAsTheJvmDoesAndOnlyBadBytesAreEscaped() {
        byte[] bytes = bytes("\\xc3\\xa9\\xff");

        assertThat(ByteStrings.decode(bytes, 0, bytes.length)).isEqualTo("\u00e9\udcff");
    }

    @Test
    void entriesSplitAtNul() {
        byte[] bytes = bytes("a=1\\x00b=\\xff\\x00");

        assertThat(ByteStrings.entries(bytes)).containsExactly("a=1", "b=\udcff");
    }

    @Test
    void aPathWithBytesThatAreNotUtf8NamesTheFileAndGivesItsBytesBack() throws IOException {
        String name = ByteStrings.decode(bytes("d\\xff\\xfe"), 0, 3);
        Path absolute = ByteStrings.path(dir + "/" + name);
        Files.createDirectory(absolute);
        Files.writeString(absolute.resolve("f"), "hi");

        assertThat(Files.readString(ByteStrings.path(dir + "/" + name + "/f"))).isEqualTo("hi");
        assertThat(dir.resolve(ByteStrings.path(name)).resolve("f")).hasContent("hi");
        assertThat(ByteStrings.bytes(absolute)).isEqualTo(concat((dir + "/").getBytes(StandardCharsets.UTF_8), bytes("d\\xff\\xfe")));
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(ByteStrings::string).toList()).containsExactly(dir + "/" + name);
        }
        assertThat(List.of(ByteStrings.path("plain/x"), ByteStrings.path("/plain"))).containsExactly(Path.of("plain/x"), Path.of("/plain"));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** {@code \xNN} escapes to bytes, the rest as ASCII. */
    private static byte[] bytes(String escaped) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < escaped.length(); i++) {
            if (escaped.startsWith("\\x", i)) {
                out.write(Integer.parseInt(escaped.substring(i + 2, i + 4), 16));
                i += 3;
            } else {
                out.write(escaped.charAt(i));
            }
        }
        return out.toByteArray();
    }
}
