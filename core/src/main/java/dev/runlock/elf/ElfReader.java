package dev.runlock.elf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads an ELF file's header, program headers, PT_INTERP and dynamic section (with the strings it
 * names) through positional reads. Every offset and count is checked against the file before it is
 * used, so a malformed file fails with a {@link ResolveException} instead of a hang or a huge
 * allocation.
 */
final class ElfReader {

    static final int PT_LOAD = 1;
    static final int PT_DYNAMIC = 2;
    static final int PT_INTERP = 3;
    static final int DT_NULL = 0;
    static final int DT_NEEDED = 1;
    static final int DT_STRTAB = 5;
    static final int DT_STRSZ = 10;
    static final int DT_SONAME = 14;
    static final int DT_RPATH = 15;
    static final int DT_RUNPATH = 29;
    static final long DT_FLAGS_1 = 0x6ffffffbL;
    static final long DF_1_NODEFLIB = 0x800;

    private static final int MAX_PROGRAM_HEADERS = 4096;
    private static final int MAX_PROGRAM_HEADER_SIZE = 256;
    private static final int MAX_DYNAMIC_ENTRIES = 1 << 16;
    private static final int MAX_NEEDED = 1024;
    /** Longer than any path the kernel or loader would accept (PATH_MAX is 4096). */
    private static final int MAX_STRING = 1 << 14;
    /** All strings of one file together: entries may all point at the same long string. */
    private static final int MAX_STRING_BYTES = 1 << 20;
    private static final int STRING_CHUNK = 256;

    private final ByteInput in;
    private final String name;
    private final long size;
    private final boolean is64;
    private final ByteOrder order;

    private ElfReader(ByteInput in, String name, long size, boolean is64, ByteOrder order) {
        this.in = in;
        this.name = name;
        this.size = size;
        this.is64 = is64;
        this.order = order;
    }

    /** Whether the first bytes of a file carry the ELF magic. */
    static boolean hasMagic(byte[] start) {
        return start.length >= 4 && start[0] == 0x7f && start[1] == 'E' && start[2] == 'L' && start[3] == 'F';
    }

    /**
     * Parses {@code in}.
     *
     * @param name the file's name for error messages
     * @throws ResolveException if the file is not a well-formed ELF file
     */
    static ElfFile read(ByteInput in, String name) {
        try {
            long size = in.size();
            if (size < 16) {
                throw new ResolveException(name, "truncated ELF header (" + size + " bytes)");
            }
            ByteBuffer ident = in.read(0, 16, ByteOrder.LITTLE_ENDIAN);
            byte[] magic = new byte[4];
            ident.get(magic);
            if (!hasMagic(magic)) {
                throw new ResolveException(name, "not an ELF file");
            }
            int elfClass = ident.get(4);
            int data = ident.get(5);
            if (elfClass != 1 && elfClass != 2) {
                throw new ResolveException(name, "unknown ELF class " + elfClass);
            }
            if (data != 1 && data != 2) {
                throw new ResolveException(name, "unknown ELF data encoding " + data);
            }
            ByteOrder order = data == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
            return new ElfReader(in, name, size, elfClass == 2, order).parse();
        } catch (IOException e) {
            throw new ResolveException(name, "cannot read: " + e.getMessage());
        }
    }

    private ElfFile parse() throws IOException {
        int headerSize = is64 ? 64 : 52;
        ByteBuffer header = slice(0, headerSize, "ELF header");
        int machine = Short.toUnsignedInt(header.getShort(18));
        long phoff = word(header, is64 ? 32 : 28);
        int flags = header.getInt(is64 ? 48 : 36);
        int phentsize = Short.toUnsignedInt(header.getShort(is64 ? 54 : 42));
        int phnum = Short.toUnsignedInt(header.getShort(is64 ? 56 : 44));
        ElfAbi abi = new ElfAbi(is64, order == ByteOrder.BIG_ENDIAN, machine, flags);

        int minEntry = is64 ? 56 : 32;
        if (phnum > MAX_PROGRAM_HEADERS) {
            throw new ResolveException(name, "absurd program header count " + phnum);
        }
        if (phnum > 0 && (phentsize < minEntry || phentsize > MAX_PROGRAM_HEADER_SIZE)) {
            throw new ResolveException(name, "bad program header entry size " + phentsize);
        }
        ByteBuffer table = slice(phoff, phnum * phentsize, "program headers");
        List<Segment> segments = new ArrayList<>(phnum);
        for (int i = 0; i < phnum; i++) {
            segments.add(segment(table, i * phentsize));
        }
        Optional<String> interpreter = segments.stream().filter(s -> s.type == PT_INTERP).findFirst()
                .map(this::interpreter);
        Optional<Segment> dynamic = segments.stream().filter(s -> s.type == PT_DYNAMIC).findFirst();
        if (dynamic.isEmpty()) {
            return new ElfFile(abi, interpreter, List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                    false);
        }
        return dynamic(abi, interpreter, dynamic.get(), segments);
    }

    private record Segment(int type, long offset, long vaddr, long filesz) {}

    private record Dyn(long tag, long value) {}

    private Segment segment(ByteBuffer table, int at) {
        int type = table.getInt(at);
        return is64
                ? new Segment(type, table.getLong(at + 8), table.getLong(at + 16), table.getLong(at + 32))
                : new Segment(type, Integer.toUnsignedLong(table.getInt(at + 4)),
                        Integer.toUnsignedLong(table.getInt(at + 8)), Integer.toUnsignedLong(table.getInt(at + 16)));
    }

    private String interpreter(Segment segment) {
        if (segment.filesz < 2 || segment.filesz > 4096) {
            throw new ResolveException(name, "PT_INTERP size " + Long.toUnsignedString(segment.filesz)
                    + " is not a path length");
        }
        try {
            ByteBuffer bytes = slice(segment.offset, (int) segment.filesz, "PT_INTERP");
            return terminated(bytes)
                    .orElseThrow(() -> new ResolveException(name, "PT_INTERP is not NUL-terminated"));
        } catch (IOException e) {
            throw new ResolveException(name, "cannot read: " + e.getMessage());
        }
    }

    private ElfFile dynamic(ElfAbi abi, Optional<String> interpreter, Segment segment, List<Segment> segments)
            throws IOException {
        int entrySize = is64 ? 16 : 8;
        long count = Long.divideUnsigned(segment.filesz, entrySize);
        if (Long.compareUnsigned(count, MAX_DYNAMIC_ENTRIES) > 0) {
            throw new ResolveException(name, "absurd dynamic section size " + Long.toUnsignedString(segment.filesz));
        }
        ByteBuffer table = slice(segment.offset, (int) count * entrySize, "dynamic section");
        List<Dyn> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Dyn dyn = is64 ? new Dyn(table.getLong(i * 16), table.getLong(i * 16 + 8))
                    : new Dyn(table.getInt(i * 8), Integer.toUnsignedLong(table.getInt(i * 8 + 4)));
            if (dyn.tag == DT_NULL) {
                break;
            }
            entries.add(dyn);
        }
        long strtab = -1;
        long strsz = -1;
        long flags1 = 0;
        for (Dyn dyn : entries) {
            if (dyn.tag == DT_STRTAB) {
                strtab = dyn.value;
            } else if (dyn.tag == DT_STRSZ) {
                strsz = dyn.value;
            } else if (dyn.tag == DT_FLAGS_1) {
                flags1 = dyn.value;
            }
        }
        boolean needsStrings = entries.stream().anyMatch(d -> d.tag == DT_NEEDED || d.tag == DT_RPATH
                || d.tag == DT_RUNPATH || d.tag == DT_SONAME);
        StringTable strings = needsStrings ? stringTable(strtab, strsz, segments) : null;
        List<String> needed = new ArrayList<>();
        Optional<String> rpath = Optional.empty();
        Optional<String> runpath = Optional.empty();
        Optional<String> soname = Optional.empty();
        for (Dyn dyn : entries) {
            if (dyn.tag == DT_NEEDED) {
                if (needed.size() == MAX_NEEDED) {
                    throw new ResolveException(name, "absurd DT_NEEDED count (over " + MAX_NEEDED + ")");
                }
                needed.add(strings.at(dyn.value));
            } else if (dyn.tag == DT_RPATH && rpath.isEmpty()) {
                rpath = Optional.of(strings.at(dyn.value));
            } else if (dyn.tag == DT_RUNPATH && runpath.isEmpty()) {
                runpath = Optional.of(strings.at(dyn.value));
            } else if (dyn.tag == DT_SONAME && soname.isEmpty()) {
                soname = Optional.of(strings.at(dyn.value));
            }
        }
        return new ElfFile(abi, interpreter, needed, rpath, runpath, soname, (flags1 & DF_1_NODEFLIB) != 0);
    }

    /** The dynamic string table: a file range found by mapping DT_STRTAB through a PT_LOAD segment. */
    private StringTable stringTable(long address, long declaredSize, List<Segment> segments) {
        if (address == -1) {
            throw new ResolveException(name, "dynamic section has no DT_STRTAB");
        }
        Segment load = segments.stream()
                .filter(s -> s.type == PT_LOAD && Long.compareUnsigned(address, s.vaddr) >= 0
                        && Long.compareUnsigned(address - s.vaddr, s.filesz) < 0)
                .findFirst()
                .orElseThrow(() -> new ResolveException(name,
                        "DT_STRTAB 0x" + Long.toHexString(address) + " is not in any loaded segment"));
        long offset = load.offset + (address - load.vaddr);
        long available = load.filesz - (address - load.vaddr);
        long length = declaredSize == -1 || Long.compareUnsigned(declaredSize, available) > 0 ? available : declaredSize;
        if (Long.compareUnsigned(offset, size) > 0 || Long.compareUnsigned(length, size - offset) > 0) {
            throw new ResolveException(name, "string table ends past the end of the file");
        }
        return new StringTable(offset, length);
    }

    private final class StringTable {
        private final long offset;
        private final long length;
        private int budget = MAX_STRING_BYTES;

        StringTable(long offset, long length) {
            this.offset = offset;
            this.length = length;
        }

        /** Reads the string at {@code index} in chunks until its NUL, never past the table. */
        String at(long index) {
            if (Long.compareUnsigned(index, length) >= 0) {
                throw new ResolveException(name, "string offset " + Long.toUnsignedString(index)
                        + " is past the string table (" + length + " bytes)");
            }
            try {
                long limit = Math.min(length - index, MAX_STRING);
                ByteArrayOutputStream text = new ByteArrayOutputStream();
                for (long at = 0; at < limit; at += STRING_CHUNK) {
                    int size = (int) Math.min(STRING_CHUNK, limit - at);
                    budget -= size;
                    if (budget < 0) {
                        throw new ResolveException(name, "dynamic strings exceed " + MAX_STRING_BYTES + " bytes");
                    }
                    ByteBuffer chunk = in.read(offset + index + at, size, order);
                    for (int i = 0; i < chunk.limit(); i++) {
                        byte b = chunk.get(i);
                        if (b == 0) {
                            return text.toString(StandardCharsets.UTF_8);
                        }
                        text.write(b);
                    }
                }
                throw new ResolveException(name, limit == MAX_STRING
                        ? "string at offset " + index + " is longer than " + MAX_STRING + " bytes"
                        : "unterminated string at offset " + index + " of the string table");
            } catch (IOException e) {
                throw new ResolveException(name, "cannot read: " + e.getMessage());
            }
        }
    }

    /** The text before the first NUL of {@code bytes}, if it has one. */
    private static Optional<String> terminated(ByteBuffer bytes) {
        for (int i = 0; i < bytes.limit(); i++) {
            if (bytes.get(i) == 0) {
                return Optional.of(new String(bytes.array(), bytes.arrayOffset(), i, StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    private long word(ByteBuffer buffer, int at) {
        return is64 ? buffer.getLong(at) : Integer.toUnsignedLong(buffer.getInt(at));
    }

    /** Reads {@code length} bytes at {@code offset} after checking they lie within the file. */
    private ByteBuffer slice(long offset, int length, String what) throws IOException {
        if (Long.compareUnsigned(offset, size) > 0 || length > size - offset) {
            throw new ResolveException(name, what + " (" + length + " bytes at offset " + Long.toUnsignedString(offset)
                    + ") extend past the end of the file (" + size + " bytes)");
        }
        return in.read(offset, length, order);
    }
}
