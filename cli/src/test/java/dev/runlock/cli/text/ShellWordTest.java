package dev.runlock.cli.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShellWordTest {

    @Test
    void aSafeWordStaysAsItIsAndOthersAreSingleQuoted() {
        assertThat(ShellWord.of("/usr/bin/cc")).isEqualTo("/usr/bin/cc");
        assertThat(ShellWord.of("ls /etc; cat x")).isEqualTo("'ls /etc; cat x'");
        assertThat(ShellWord.of("it's")).isEqualTo("'it'\\''s'");
        assertThat(ShellWord.of("")).isEqualTo("''");
    }

    @Test
    void aWordWithALineBreakOrABadByteIsQuotedSoThatPastingGivesItBack() {
        assertThat(ShellWord.of("a\nb")).isEqualTo("$'a\\nb'".replace("\\n", "\\x0a"));
        assertThat(ShellWord.of("x\u001b]0;t\u0007'\\")).isEqualTo("$'x\\x1b]0;t\\x07\\'\\\\'");
        assertThat(ShellWord.of("bad\uDCFF")).isEqualTo("$'bad\\xff'");
        assertThat(ShellWord.of("evil\u202Etxt")).isEqualTo("$'evil\\xe2\\x80\\xaetxt'");
        assertThat(ShellWord.of("x\u0085y")).as("a C1 control: two bytes, not the byte 0x85")
                .isEqualTo("$'x\\xc2\\x85y'");
    }
}
