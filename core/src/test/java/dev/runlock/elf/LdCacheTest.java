package dev.runlock.elf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LdCacheTest {

    private static final Set<Integer> X86_64 = Set.of(LdCacheBytes.X86_64);

    private static LdCache parse(byte[] bytes) {
        return LdCache.parse(bytes, "/etc/ld.so.cache");
    }

    @Test
    void picksEntriesOfTheRequestedClassAndMachine() {
        LdCache cache = parse(new LdCacheBytes()
                .add(LdCacheBytes.I386, "libc.so.6", "/lib/i386-linux-gnu/libc.so.6")
                .add(LdCacheBytes.X86_64, "libc.so.6", "/lib/x86_64-linux-gnu/libc.so.6")
                .add(LdCacheBytes.AARCH64, "libc.so.6", "/lib/aarch64-linux-gnu/libc.so.6").build());

        assertThat(cache.lookup("libc.so.6", X86_64)).extracting(LdCache.Entry::path)
                .containsExactly("/lib/x86_64-linux-gnu/libc.so.6");
        assertThat(cache.lookup("libc.so.6", new ElfAbi(false, false, ElfAbi.EM_386, 0).cacheFlags()))
                .extracting(LdCache.Entry::path).containsExactly("/lib/i386-linux-gnu/libc.so.6");
        assertThat(cache.lookup("libm.so.6", X86_64)).isEmpty();
    }

    @Test
    void readsHwcapsEntriesBehindAnOldFormatTable() {
        LdCache cache = parse(new LdCacheBytes().withOldFormat(3)
                .addHwcaps(LdCacheBytes.X86_64, "libfoo.so.1", "/usr/lib/glibc-hwcaps/x86-64-v3/libfoo.so.1",
                        "x86-64-v3")
                .add(LdCacheBytes.X86_64, "libfoo.so.1", "/usr/lib/libfoo.so.1").build());

        assertThat(cache.lookup("libfoo.so.1", X86_64)).containsExactly(
                new LdCache.Entry(LdCacheBytes.X86_64, "/usr/lib/glibc-hwcaps/x86-64-v3/libfoo.so.1",
                        Optional.of("x86-64-v3")),
                new LdCache.Entry(LdCacheBytes.X86_64, "/usr/lib/libfoo.so.1", Optional.empty()));
    }

    @Test
    void readsBigEndianCaches() {
        int ppc64 = 0x0503;
        LdCache cache = parse(new LdCacheBytes().bigEndian().add(ppc64, "libc.so.6", "/lib64/libc.so.6").build());

        assertThat(cache.lookup("libc.so.6", new ElfAbi(true, true, ElfAbi.EM_PPC64, 0).cacheFlags()))
                .extracting(LdCache.Entry::path).containsExactly("/lib64/libc.so.6");
    }

    @Test
    void rejectsMalformedCachesWithOneLineNamingTheFile() {
        byte[] good = new LdCacheBytes().add(LdCacheBytes.X86_64, "libc.so.6", "/lib/libc.so.6").build();
        List<byte[]> bad = List.of(
                new byte[0],
                "not a cache at all, just some text".getBytes(StandardCharsets.US_ASCII),
                Arrays.copyOf(good, 60),
                patched(good, b -> b.putInt(20, 100_000_000)),
                patched(good, b -> b.putInt(48 + 4, 1 << 30)),
                patched(good, b -> b.put(good.length - 1, (byte) 'x')),
                patched(good, b -> b.put(28, (byte) 9)),
                patched(good, b -> b.putLong(48 + 16, (1L << 62) | 5)),
                patched(new LdCacheBytes().withOldFormat(1).build(), b -> b.putInt(12, -1)));
        for (byte[] bytes : bad) {
            assertThatThrownBy(() -> parse(bytes)).isInstanceOf(ResolveException.class)
                    .hasMessageStartingWith("/etc/ld.so.cache: ")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }

    private static byte[] patched(byte[] good, Consumer<ByteBuffer> change) {
        byte[] copy = good.clone();
        change.accept(ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN));
        return copy;
    }

    /** The host's cache read by our parser lists what {@code ldconfig -p} lists. */
    @Test
    void agreesWithLdconfigOnThisHost() throws IOException, InterruptedException {
        Path file = Path.of("/etc/ld.so.cache");
        assumeTrue(Files.isReadable(file), "this host has no /etc/ld.so.cache");
        Optional<Path> ldconfig = Tools.find("ldconfig");
        assumeTrue(ldconfig.isPresent(), "ldconfig is not installed (only the test's oracle)");
        LdCache cache = LdCache.parse(Files.readAllBytes(file), file.toString());

        Pattern line = Pattern.compile("\\s+(\\S+) \\(([^)]*)\\) => (\\S+)");
        Set<String> missing = new HashSet<>();
        int checked = 0;
        for (String text : Tools.run(ldconfig.get().toString(), "-p").lines().toList()) {
            Matcher m = line.matcher(text);
            if (m.matches() && m.group(2).equals("libc6,x86-64")) {
                checked++;
                boolean listed = cache.lookup(m.group(1), X86_64).stream().anyMatch(e -> e.path().equals(m.group(3)));
                if (!listed) {
                    missing.add(text.strip());
                }
            }
        }
        assumeTrue(checked > 0, "ldconfig lists no x86-64 libraries here");
        assertThat(missing).isEmpty();
    }
}
