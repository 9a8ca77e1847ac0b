package dev.runlock.elf;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/** Positional reads of one file's bytes, so that parsers never load whole files. */
sealed interface ByteInput {

    long size() throws IOException;

    /** Reads exactly {@code length} bytes at {@code position}; the caller checked the bounds. */
    ByteBuffer read(long position, int length, ByteOrder order) throws IOException;

    /** A file opened for reading. */
    record OfChannel(FileChannel channel) implements ByteInput {

        @Override
        public long size() throws IOException {
            return channel.size();
        }

        @Override
        public ByteBuffer read(long position, int length, ByteOrder order) throws IOException {
            ByteBuffer buffer = ByteBuffer.allocate(length);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, position + buffer.position()) < 0) {
                    throw new EOFException("file shrank while reading");
                }
            }
            return buffer.flip().order(order);
        }
    }

    /** Bytes in memory: parsers' unit and fuzz tests. */
    record OfBytes(byte[] bytes) implements ByteInput {

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public ByteBuffer read(long position, int length, ByteOrder order) {
            return ByteBuffer.wrap(bytes, Math.toIntExact(position), length).slice().order(order);
        }
    }
}
