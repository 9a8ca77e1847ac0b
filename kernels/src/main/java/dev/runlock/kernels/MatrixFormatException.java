package dev.runlock.kernels;

import java.io.Serial;
import java.nio.file.Path;

/** A kernel matrix file that cannot be read; the message names the file and line. */
public final class MatrixFormatException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    MatrixFormatException(Path file, int line, String problem) {
        super(file + ":" + line + ": " + problem);
    }
}
