package dev.runlock.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CpioArchiveTest {

    /** One entry as the kernel's initramfs unpacker reads it. */
    private record Entry(String name, int mode, String content) {}

    @Test
    void writesNewcEntriesTheKernelCanUnpack() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CpioArchive cpio = new CpioArchive(bytes)) {
            cpio.directory("bin", 0755);
            cpio.file("init", 0755, "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8));
            cpio.symlink("bin/sh", "busybox");
        }

        assertThat(read(bytes.toByteArray())).containsExactly(
                new Entry("bin", 040755, ""),
                new Entry("init", 0100755, "#!/bin/sh\n"),
                new Entry("bin/sh", 0120777, "busybox"),
                new Entry("TRAILER!!!", 0, ""));
        assertThat(bytes.size() % 4).isZero();
    }

    // Independent reader following the newc layout: 110-byte header, name, data, 4-byte alignment.
    private static List<Entry> read(byte[] archive) {
        List<Entry> entries = new ArrayList<>();
        int at = 0;
        while (at < archive.length) {
            String header = new String(archive, at, 110, StandardCharsets.US_ASCII);
            assertThat(header).startsWith("070701");
            int mode = field(header, 1);
            int size = field(header, 6);
            int nameSize = field(header, 11);
            String name = new String(archive, at + 110, nameSize - 1, StandardCharsets.UTF_8);
            int data = align(at + 110 + nameSize);
            entries.add(new Entry(name, mode,
                    new String(Arrays.copyOfRange(archive, data, data + size), StandardCharsets.UTF_8)));
            at = align(data + size);
            if (name.equals("TRAILER!!!")) {
                break;
            }
        }
        assertThat(at).isEqualTo(archive.length);
        return entries;
    }

    private static int field(String header, int index) {
        return Integer.parseInt(header.substring(6 + 8 * index, 14 + 8 * index), 16);
    }

    private static int align(int offset) {
        return (offset + 3) & ~3;
    }
}
