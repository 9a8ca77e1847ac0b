package dev.runlock.elf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds ld.so.cache files for tests, in the layout ldconfig writes. */
final class LdCacheBytes {

    static final int X86_64 = 0x0303;
    static final int I386 = 0x0003;
    static final int AARCH64 = 0x0a03;

    private record Entry(int flags, String key, String value, int hwcaps) {}

    private final List<Entry> entries = new ArrayList<>();
    private final List<String> hwcaps = new ArrayList<>();
    private int oldEntries = -1;
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;

    LdCacheBytes add(int flags, String key, String value) {
        entries.add(new Entry(flags, key, value, -1));
        return this;
    }

    LdCacheBytes addHwcaps(int flags, String key, String value, String subdirectory) {
        if (!hwcaps.contains(subdirectory)) {
            hwcaps.add(subdirectory);
        }
        entries.add(new Entry(flags, key, value, hwcaps.indexOf(subdirectory)));
        return this;
    }

    /** Puts an old-format table of {@code count} (meaningless) entries in front, as compat caches have. */
    LdCacheBytes withOldFormat(int count) {
        oldEntries = count;
        return this;
    }

    LdCacheBytes bigEndian() {
        order = ByteOrder.BIG_ENDIAN;
        return this;
    }

    byte[] build() {
        int base = oldEntries < 0 ? 0 : (16 + 12 * oldEntries + 3) & ~3;
        int stringsAt = 48 + 24 * entries.size();
        ByteArrayOutputStream strings = new ByteArrayOutputStream();
        List<int[]> offsets = new ArrayList<>();
        for (Entry entry : entries) {
            offsets.add(new int[] {stringsAt + string(strings, entry.key), stringsAt + string(strings, entry.value)});
        }
        List<Integer> hwcapsOffsets = hwcaps.stream().map(name -> stringsAt + string(strings, name)).toList();
        int extensionAt = (stringsAt + strings.size() + 3) & ~3;
        int hwcapsAt = extensionAt + 8 + 16;
        int size = base + (hwcaps.isEmpty() ? stringsAt + strings.size() : hwcapsAt + 4 * hwcaps.size());

        ByteBuffer out = ByteBuffer.allocate(size).order(order);
        if (oldEntries >= 0) {
            out.put("ld.so-1.7.0".getBytes(StandardCharsets.US_ASCII)).putInt(12, oldEntries);
        }
        out.position(base);
        out.put("glibc-ld.so.cache1.1".getBytes(StandardCharsets.US_ASCII));
        out.putInt(entries.size()).putInt(strings.size());
        out.put((byte) (order == ByteOrder.LITTLE_ENDIAN ? 2 : 3)).put(new byte[3]);
        out.putInt(hwcaps.isEmpty() ? 0 : extensionAt).putInt(0).putInt(0).putInt(0);
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            long hwcap = entry.hwcaps < 0 ? 0 : (1L << 62) | entry.hwcaps;
            out.putInt(entry.flags).putInt(offsets.get(i)[0]).putInt(offsets.get(i)[1]).putInt(0).putLong(hwcap);
        }
        out.put(strings.toByteArray());
        if (!hwcaps.isEmpty()) {
            out.position(base + extensionAt);
            out.putInt(0xeaa42174).putInt(1);
            out.putInt(1).putInt(0).putInt(hwcapsAt).putInt(4 * hwcaps.size());
            hwcapsOffsets.forEach(out::putInt);
        }
        return out.array();
    }

    private static int string(ByteArrayOutputStream strings, String value) {
        int at = strings.size();
        strings.writeBytes(value.getBytes(StandardCharsets.UTF_8));
        strings.write(0);
        return at;
    }
}
