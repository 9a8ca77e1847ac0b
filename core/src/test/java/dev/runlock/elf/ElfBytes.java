package dev.runlock.elf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds small ELF files for tests: header, a PT_LOAD covering the file, optional PT_INTERP and a
 * PT_DYNAMIC whose string table holds DT_NEEDED, DT_RPATH, DT_RUNPATH and DT_SONAME.
 */
final class ElfBytes {

    private boolean is64 = true;
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    private int machine = ElfAbi.EM_X86_64;
    private String interpreter;
    private boolean dynamic;
    private final List<long[]> entries = new ArrayList<>();
    private final ByteArrayOutputStream strings = new ByteArrayOutputStream();

    ElfBytes() {
        strings.write(0);
    }

    static ElfBytes executable(String interpreter) {
        return new ElfBytes().interpreter(interpreter);
    }

    static ElfBytes library() {
        return new ElfBytes().withDynamic();
    }

    ElfBytes elf32() {
        is64 = false;
        return this;
    }

    ElfBytes bigEndian() {
        order = ByteOrder.BIG_ENDIAN;
        return this;
    }

    ElfBytes machine(int value) {
        machine = value;
        return this;
    }

    ElfBytes interpreter(String path) {
        interpreter = path;
        return withDynamic();
    }

    ElfBytes withDynamic() {
        dynamic = true;
        return this;
    }

    ElfBytes needed(String... names) {
        for (String name : names) {
            entry(ElfReader.DT_NEEDED, name);
        }
        return this;
    }

    ElfBytes rpath(String value) {
        return entry(ElfReader.DT_RPATH, value);
    }

    ElfBytes runpath(String value) {
        return entry(ElfReader.DT_RUNPATH, value);
    }

    ElfBytes soname(String value) {
        return entry(ElfReader.DT_SONAME, value);
    }

    ElfBytes flags1(long value) {
        entries.add(new long[] {ElfReader.DT_FLAGS_1, value});
        return this;
    }

    /** A dynamic entry with a raw value. */
    ElfBytes raw(long tag, long value) {
        entries.add(new long[] {tag, value});
        return this;
    }

    private ElfBytes entry(long tag, String value) {
        withDynamic();
        entries.add(new long[] {tag, strings.size()});
        strings.writeBytes(value.getBytes(StandardCharsets.UTF_8));
        strings.write(0);
        return this;
    }

    byte[] build() {
        int ehsize = is64 ? 64 : 52;
        int phentsize = is64 ? 56 : 32;
        int phnum = 1 + (interpreter != null ? 1 : 0) + (dynamic ? 1 : 0);
        byte[] interp = interpreter == null ? new byte[0]
                : (interpreter + "\0").getBytes(StandardCharsets.UTF_8);
        byte[] strtab = strings.toByteArray();
        int interpAt = ehsize + phnum * phentsize;
        int strtabAt = interpAt + interp.length;
        int dynamicAt = (strtabAt + strtab.length + 7) & ~7;
        int entrySize = is64 ? 16 : 8;
        List<long[]> all = new ArrayList<>(entries);
        all.add(new long[] {ElfReader.DT_STRTAB, strtabAt});
        all.add(new long[] {ElfReader.DT_STRSZ, strtab.length});
        all.add(new long[] {ElfReader.DT_NULL, 0});
        int size = dynamicAt + (dynamic ? all.size() * entrySize : 0);

        ByteBuffer out = ByteBuffer.allocate(size).order(order);
        out.put(new byte[] {0x7f, 'E', 'L', 'F', (byte) (is64 ? 2 : 1),
                (byte) (order == ByteOrder.LITTLE_ENDIAN ? 1 : 2), 1});
        out.position(16);
        out.putShort((short) (interpreter != null ? 2 : 3)).putShort((short) machine).putInt(1);
        word(out, 0).word(out, ehsize).word(out, 0);
        out.putInt(0).putShort((short) ehsize).putShort((short) phentsize).putShort((short) phnum);
        out.putShort((short) 0).putShort((short) 0).putShort((short) 0);
        out.position(ehsize);
        segment(out, ElfReader.PT_LOAD, 0, size);
        if (interpreter != null) {
            segment(out, ElfReader.PT_INTERP, interpAt, interp.length);
        }
        if (dynamic) {
            segment(out, ElfReader.PT_DYNAMIC, dynamicAt, all.size() * entrySize);
        }
        out.position(interpAt);
        out.put(interp).put(strtab);
        if (dynamic) {
            out.position(dynamicAt);
            for (long[] entry : all) {
                word(out, entry[0]).word(out, entry[1]);
            }
        }
        return out.array();
    }

    private void segment(ByteBuffer out, int type, long offset, long length) {
        if (is64) {
            out.putInt(type).putInt(4).putLong(offset).putLong(offset).putLong(offset).putLong(length)
                    .putLong(length).putLong(8);
        } else {
            out.putInt(type).putInt((int) offset).putInt((int) offset).putInt((int) offset).putInt((int) length)
                    .putInt((int) length).putInt(4).putInt(4);
        }
    }

    private ElfBytes word(ByteBuffer out, long value) {
        if (is64) {
            out.putLong(value);
        } else {
            out.putInt((int) value);
        }
        return this;
    }
}
