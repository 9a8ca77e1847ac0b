package dev.runlock.elf;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the two parsers of untrusted bytes. Normal builds replay the committed corpus in
 * {@code src/test/resources/dev/runlock/elf/ElfFuzzTestInputs/<method>/}; with {@code JAZZER_FUZZ=1}
 * Jazzer mutates it for {@code maxDuration}. The only acceptable failure is a {@link ResolveException}:
 * anything else (an index error, an OutOfMemoryError, a hang) fails the test.
 */
class ElfFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void elfReader(byte[] data) {
        try {
            ElfReader.read(new ByteInput.OfBytes(data), "fuzz");
        } catch (ResolveException expected) {
            requireOneLine(expected);
        }
    }

    @FuzzTest(maxDuration = "10s")
    void ldCache(byte[] data) {
        try {
            LdCache.parse(data, "fuzz").lookup("libc.so.6", new ElfAbi(true, false, ElfAbi.EM_X86_64, 0).cacheFlags());
        } catch (ResolveException expected) {
            requireOneLine(expected);
        }
    }

    private static void requireOneLine(ResolveException e) {
        if (!e.getMessage().startsWith("fuzz: ") || e.getMessage().contains("\n")) {
            throw new AssertionError("message is not one line naming the file: " + e.getMessage());
        }
    }
}
