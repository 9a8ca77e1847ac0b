package dev.runlock.cli.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What reaches the terminal of a text runlock did not write: controls as escapes, the rest as it is. */
class PrintableTest {
    @Test
    void terminalSequencesAreShownNotObeyed() {
        assertThat(Printable.of("X\u001b]0;PWNED\u0007\u001b[31mRED")).isEqualTo("X\\x1b]0;PWNED\\x07\\x1b[31mRED");
        assertThat(Printable.of("a\tb\nc\rd\u007f")).isEqualTo("a\\x09b\\x0ac\\x0dd\\x7f");
    }

    @Test
    void c1ControlsAreEscapedLikeC0() {
        assertThat(Printable.of("\u009b31mred\u0085\u0090")).isEqualTo("\\x9b31mred\\x85\\x90");
    }

    @Test
    void bidiAndInvisibleCharactersAreShownAsCodePoints() {
        assertThat(Printable.of("/tmp/evil\u202Etxt.sh")).isEqualTo("/tmp/evil\\u{202E}txt.sh");
        assertThat(Printable.of("\u202A\u202B\u202C\u202D\u2066\u2067\u2068\u2069\u200E\u200F\u061C"))
                .isEqualTo("\\u{202A}\\u{202B}\\u{202C}\\u{202D}\\u{2066}\\u{2067}\\u{2068}\\u{2069}\\u{200E}\\u{200F}"
                        + "\\u{061C}");
        assertThat(Printable.of("a\u200Bb\u200Dc\u2028d\u2029e\uFEFF\u00AD"))
                .isEqualTo("a\\u{200B}b\\u{200D}c\\u{2028}d\\u{2029}e\\u{FEFF}\\u{00AD}");
        assertThat(Printable.of("tag\uDB40\uDC01")).isEqualTo("tag\\u{E0001}");
    }

    @Test
    void aLoneSurrogateIsEscapedAndACarriedByteShowsAsThatByte() {
        assertThat(Printable.of("bad\uDCFF\uDCFE")).isEqualTo("bad\\xff\\xfe");
        assertThat(Printable.of("x\uD800y")).isEqualTo("x\\u{D800}y");
    }

    @Test
    void ordinaryTextIsLeftAsItIs() {
        String text = "/home/élodie/文档/naïve café 😀 ü€ 日本 'quoted' \\x1b";
        assertThat(Printable.of(text)).isSameAs(text);
        assertThat(text.codePoints().allMatch(Printable::shown)).isTrue();
    }
}
