package dev.runlock.elf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ElfReaderTest {

    private static final String NAME = "/test/prog";

    static ElfFile read(byte[] bytes) {
        return ElfReader.read(new ByteInput.OfBytes(bytes), NAME);
    }

    @Test
    void readsInterpreterNeededAndPaths() {
        ElfFile elf = read(ElfBytes.executable("/lib64/ld-linux-x86-64.so.2").needed("libm.so.6", "libc.so.6")
                .rpath("$ORIGIN/../lib").runpath("/opt/lib").soname("prog").flags1(ElfReader.DF_1_NODEFLIB).build());

        assertThat(elf.abi()).isEqualTo(new ElfAbi(true, false, ElfAbi.EM_X86_64, 0));
        assertThat(elf.interpreter()).contains("/lib64/ld-linux-x86-64.so.2");
        assertThat(elf.needed()).containsExactly("libm.so.6", "libc.so.6");
        assertThat(elf.rpath()).contains("$ORIGIN/../lib");
        assertThat(elf.runpath()).contains("/opt/lib");
        assertThat(elf.effectiveRpath()).isEmpty();
        assertThat(elf.soname()).contains("prog");
        assertThat(elf.noDefaultLib()).isTrue();
    }

    @Test
    void readsBigEndian32Bit() {
        ElfFile elf = read(ElfBytes.executable("/lib/ld.so.1").elf32().bigEndian().machine(ElfAbi.EM_PPC)
                .needed("libc.so.6").build());

        assertThat(elf.abi()).isEqualTo(new ElfAbi(false, true, ElfAbi.EM_PPC, 0));
        assertThat(elf.interpreter()).contains("/lib/ld.so.1");
        assertThat(elf.needed()).containsExactly("libc.so.6");
    }

    @Test
    void staticProgramHasNoInterpreterNorNeeds() {
        ElfFile elf = read(new ElfBytes().build());

        assertThat(elf.interpreter()).isEmpty();
        assertThat(elf.needed()).isEmpty();
    }

    static List<Arguments> malformed() {
        byte[] good = ElfBytes.executable("/lib/ld.so").needed("libc.so.6").build();
        int phoff = 64;
        int dynamicHeader = phoff + 2 * 56;
        long dynamicAt = ByteBuffer.wrap(good).order(ByteOrder.LITTLE_ENDIAN).getLong(dynamicHeader + 8);
        return List.of(
                Arguments.of("empty", new byte[0], "truncated ELF header"),
                Arguments.of("truncated header", Arrays.copyOf(good, 40), "ELF header"),
                Arguments.of("bad class", patch(good, b -> b.put(4, (byte) 7)), "unknown ELF class 7"),
                Arguments.of("bad data encoding", patch(good, b -> b.put(5, (byte) 0)), "data encoding"),
                Arguments.of("absurd phnum", patch(good, b -> b.putShort(56, (short) 0xffff)), "program header count"),
                Arguments.of("tiny phentsize", patch(good, b -> b.putShort(54, (short) 4)), "program header entry size"),
                Arguments.of("phoff past end", patch(good, b -> b.putLong(32, 1L << 40)), "past the end"),
                Arguments.of("negative phoff", patch(good, b -> b.putLong(32, -8)), "past the end"),
                Arguments.of("interp past end", patch(good, b -> b.putLong(phoff + 56 + 8, good.length - 2)),
                        "past the end"),
                Arguments.of("interp huge", patch(good, b -> b.putLong(phoff + 56 + 32, 1L << 33)), "PT_INTERP size"),
                Arguments.of("interp unterminated", patch(good, b -> b.put(phoff + 3 * 56 + "/lib/ld.so".length(), (byte) 'x')),
                        "PT_INTERP is not NUL-terminated"),
                Arguments.of("dynamic past end", patch(good, b -> b.putLong(dynamicHeader + 32, 1L << 20)),
                        "past the end"),
                Arguments.of("dynamic absurd", patch(good, b -> b.putLong(dynamicHeader + 32, -16)), "absurd dynamic"),
                Arguments.of("strtab outside segments", patch(good, b -> b.putLong((int) dynamicAt + 24, 1L << 40)),
                        "not in any loaded segment"),
                Arguments.of("string past table", patch(good, b -> b.putLong((int) dynamicAt + 8, 4096)),
                        "past the string table"),
                Arguments.of("unterminated string", unterminated(good, dynamicAt), "unterminated string"));
    }

    /** Shrinks DT_STRSZ so that the needed name's NUL falls outside the table. */
    private static byte[] unterminated(byte[] good, long dynamicAt) {
        return patch(good, b -> b.putLong((int) dynamicAt + 16 * 2 + 8, 5));
    }

    private static byte[] patch(byte[] good, Consumer<ByteBuffer> change) {
        byte[] copy = good.clone();
        change.accept(ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN));
        return copy;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void malformed(String what, byte[] bytes, String problem) {
        assertThatThrownBy(() -> read(bytes))
                .isInstanceOf(ResolveException.class)
                .hasMessageStartingWith(NAME + ": ")
                .hasMessageContaining(problem)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void manyEntriesNamingOneLongStringAreRefused() {
        ElfBytes elf = ElfBytes.library().needed("x".repeat(8000));
        for (int i = 0; i < 200; i++) {
            elf.raw(ElfReader.DT_NEEDED, 1);
        }

        assertThatThrownBy(() -> read(elf.build())).hasMessage(NAME + ": dynamic strings exceed 1048576 bytes");
        assertThatThrownBy(() -> read(ElfBytes.library().needed("y".repeat(20000)).build()))
                .hasMessage(NAME + ": string at offset 1 is longer than 16384 bytes");
    }

    @Test
    void namesWithControlCharactersStayOnOneLine() {
        assertThatThrownBy(() -> ElfReader.read(new ByteInput.OfBytes(new byte[3]), "evil\nname"))
                .hasMessage("evil?name: truncated ELF header (3 bytes)");
    }

    @Test
    void magicIsRecognised() {
        assertThat(ElfReader.hasMagic(new byte[] {0x7f, 'E', 'L', 'F'})).isTrue();
        assertThat(ElfReader.hasMagic("#!/bin/sh".getBytes(StandardCharsets.US_ASCII))).isFalse();
    }
}
