package dev.runlock.kernels;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a cpio archive in the "newc" format the kernel accepts as an initramfs.
 * Entries are owned by root; parent directories must be added before their children.
 */
public final class CpioArchive implements AutoCloseable {

    private static final int TYPE_DIRECTORY = 0040000;
    private static final int TYPE_FILE = 0100000;
    private static final int TYPE_SYMLINK = 0120000;
    private static final String TRAILER = "TRAILER!!!";

    private final OutputStream out;
    private long written;
    private int nextInode = 1;

    public CpioArchive(OutputStream out) {
        this.out = out;
    }

    /** Adds a directory, e.g. {@code dir("bin", 0755)}. */
    public void directory(String path, int permissions) throws IOException {
        entry(path, TYPE_DIRECTORY | permissions, 2, new byte[0]);
    }

    /** Adds a regular file with the given content. */
    public void file(String path, int permissions, byte[] content) throws IOException {
        entry(path, TYPE_FILE | permissions, 1, content);
    }

    /** Adds a symbolic link {@code path -> target}. */
    public void symlink(String path, String target) throws IOException {
        entry(path, TYPE_SYMLINK | 0777, 1, target.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes the trailer entry; the stream stays open. */
    @Override
    public void close() throws IOException {
        entry(TRAILER, 0, 1, new byte[0]);
        out.flush();
    }

    private void entry(String path, int mode, int links, byte[] content) throws IOException {
        byte[] name = (path + "\0").getBytes(StandardCharsets.UTF_8);
        int inode = path.equals(TRAILER) ? 0 : nextInode++;
        StringBuilder header = new StringBuilder("070701");
        for (long field : new long[] {inode, mode, 0, 0, links, 0, content.length, 0, 0, 0, 0, name.length, 0}) {
            header.append(String.format("%08X", field));
        }
        write(header.toString().getBytes(StandardCharsets.US_ASCII));
        write(name);
        pad();
        write(content);
        pad();
    }

    private void write(byte[] bytes) throws IOException {
        out.write(bytes);
        written += bytes.length;
    }

    private void pad() throws IOException {
        int padding = (int) (-written & 3);
        write(new byte[padding]);
    }
}
