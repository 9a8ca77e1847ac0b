package dev.runlock.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * glibc's loader cache ({@code /etc/ld.so.cache}) in the "glibc-ld.so.cache1.1" format, optionally
 * behind the old "ld.so-1.7.0" table, which is skipped. Entries keep their order within a name,
 * which is the order ldconfig gives the loader.
 *
 * <p>The whole file is checked when read, but a path is decoded only when its name is looked up:
 * a command needs a handful of the thousands of entries, and decoding them all was most of the
 * cost of resolving a command.
 */
final class LdCache {

    /** One library: its flags (type and required ABI), path and glibc-hwcaps subdirectory, if any. */
    record Entry(int flags, String path, Optional<String> hwcaps) {}

    private static final String OLD_MAGIC = "ld.so-1.7.0";
    private static final String NEW_MAGIC = "glibc-ld.so.cache1.1";
    private static final int NEW_HEADER = 48;
    private static final int NEW_ENTRY = 24;
    private static final int OLD_HEADER = 16;
    private static final int OLD_ENTRY = 12;
    private static final int EXTENSION_MAGIC = 0xeaa42174;
    private static final int EXTENSION_TAG_GLIBC_HWCAPS = 1;
    private static final int MAX_EXTENSION_SECTIONS = 64;
    private static final long HWCAP_EXTENSION = 1L << 62;

    private final byte[] bytes;
    private final ByteBuffer buffer;
    private final int table;
    private final int count;
    private final int strings;
    private final List<String> hwcaps;

    private LdCache(byte[] bytes, ByteBuffer buffer, int table, int count, int strings, List<String> hwcaps) {
        this.bytes = bytes;
        this.buffer = buffer;
        this.table = table;
        this.count = count;
        this.strings = strings;
        this.hwcaps = hwcaps;
    }

    /** The entries for {@code name} a loader accepting {@code flags} may use, in cache order. */
    List<Entry> lookup(String name, Set<Integer> flags) {
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        List<Entry> found = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int at = table + i * NEW_ENTRY;
            int entryFlags = buffer.getInt(at);
            if (nameIs(stringStart(buffer.getInt(at + 4)), wanted) && flags.contains(entryFlags)) {
                long hwcap = buffer.getLong(at + 16);
                Optional<String> subdir = (hwcap & HWCAP_EXTENSION) != 0
                        ? Optional.of(hwcaps.get((int) hwcap)) : Optional.empty();
                found.add(new Entry(entryFlags, string(bytes, stringStart(buffer.getInt(at + 8))), subdir));
            }
        }
        return found;
    }

    /**
     * Checks a whole cache file.
     *
     * @param name the file's name for error messages
     * @throws ResolveException if the bytes are not a well-formed cache
     */
    static LdCache parse(byte[] bytes, String name) {
        return new Parser(bytes, name).parse();
    }

    private int stringStart(int offset) {
        return (int) (strings + Integer.toUnsignedLong(offset));
    }

    private boolean nameIs(int start, byte[] wanted) {
        return start + wanted.length < bytes.length && bytes[start + wanted.length] == 0
                && Arrays.equals(bytes, start, start + wanted.length, wanted, 0, wanted.length);
    }

    /** The NUL-terminated string at {@code start}, which the parser checked ends inside the file. */
    private static String string(byte[] bytes, int start) {
        int end = start;
        while (bytes[end] != 0) {
            end++;
        }
        return new String(bytes, start, end - start, StandardCharsets.UTF_8);
    }

    private static final class Parser {
        private final byte[] bytes;
        private final String name;
        private final ByteBuffer buffer;
        private int base;
        /** Strings must start before the file's last NUL, so that every one ends inside the file. */
        private int lastNul;

        Parser(byte[] bytes, String name) {
            this.bytes = bytes;
            this.name = name;
            this.buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        }

        LdCache parse() {
            if (startsWith(0, OLD_MAGIC)) {
                check(OLD_HEADER, "old-format header");
                long oldCount = Integer.toUnsignedLong(buffer.getInt(12));
                long end = OLD_HEADER + oldCount * OLD_ENTRY;
                check(end, "old-format table");
                base = (int) ((end + 3) & ~3L);
            }
            check(base + (long) NEW_HEADER, "header");
            if (!startsWith(base, NEW_MAGIC)) {
                throw new ResolveException(name, "not a glibc-ld.so.cache1.1 file");
            }
            int endianness = bytes[base + 28];
            if (endianness == 3) {
                buffer.order(ByteOrder.BIG_ENDIAN);
            } else if (endianness != 0 && endianness != 2) {
                throw new ResolveException(name, "unknown byte order flag " + endianness);
            }
            long count = Integer.toUnsignedLong(buffer.getInt(base + 20));
            check(base + NEW_HEADER + count * NEW_ENTRY, "entry table of " + count + " entries");
            lastNul = bytes.length - 1;
            while (lastNul >= 0 && bytes[lastNul] != 0) {
                lastNul--;
            }
            List<String> hwcaps = hwcapsNames(Integer.toUnsignedLong(buffer.getInt(base + 32)));
            int table = base + NEW_HEADER;
            for (int i = 0; i < count; i++) {
                int at = table + i * NEW_ENTRY;
                checkString(buffer.getInt(at + 4));
                checkString(buffer.getInt(at + 8));
                long hwcap = buffer.getLong(at + 16);
                if ((hwcap & HWCAP_EXTENSION) != 0 && (hwcap & 0xFFFF_FFFFL) >= hwcaps.size()) {
                    throw new ResolveException(name, "entry " + i + " names glibc-hwcaps index " + (int) hwcap
                            + " of " + hwcaps.size());
                }
            }
            return new LdCache(bytes, buffer, table, (int) count, base, hwcaps);
        }

        /** The glibc-hwcaps subdirectory names of the extension section, if the cache has one. */
        private List<String> hwcapsNames(long offset) {
            if (offset == 0) {
                return List.of();
            }
            long at = base + offset;
            check(at + 8, "extension header");
            if (buffer.getInt((int) at) != EXTENSION_MAGIC) {
                return List.of(); // glibc ignores an extension area it does not recognise
            }
            long sections = Integer.toUnsignedLong(buffer.getInt((int) at + 4));
            if (sections > MAX_EXTENSION_SECTIONS) {
                throw new ResolveException(name, "absurd extension section count " + sections);
            }
            check(at + 8 + sections * 16, "extension sections");
            List<String> names = new ArrayList<>();
            for (int i = 0; i < sections; i++) {
                int section = (int) at + 8 + i * 16;
                if (buffer.getInt(section) != EXTENSION_TAG_GLIBC_HWCAPS) {
                    continue;
                }
                long start = base + Integer.toUnsignedLong(buffer.getInt(section + 8));
                long size = Integer.toUnsignedLong(buffer.getInt(section + 12));
                check(start + size, "glibc-hwcaps section");
                for (long entry = start; entry + 4 <= start + size; entry += 4) {
                    names.add(string(buffer.getInt((int) entry)));
                }
            }
            return names;
        }

        /** A NUL-terminated string at an offset from the new-format header. */
        private String string(int offset) {
            return LdCache.string(bytes, checkString(offset));
        }

        /** Where the string at {@code offset} starts, once sure it ends inside the file. */
        private int checkString(int offset) {
            long start = base + Integer.toUnsignedLong(offset);
            if (start > lastNul) { // the message is built only on failure: this runs per entry
                if (start >= bytes.length) {
                    check(start + 1, "string offset " + Integer.toUnsignedString(offset));
                }
                throw new ResolveException(name, "unterminated string at offset " + Integer.toUnsignedString(offset));
            }
            return (int) start;
        }

        private boolean startsWith(int at, String magic) {
            byte[] expected = magic.getBytes(StandardCharsets.US_ASCII);
            return bytes.length - at >= expected.length
                    && Arrays.equals(bytes, at, at + expected.length, expected, 0, expected.length);
        }

        private void check(long end, String what) {
            if (end > bytes.length) {
                throw new ResolveException(name, what + " extends past the end of the file (" + bytes.length
                        + " bytes)");
            }
        }
    }
}
