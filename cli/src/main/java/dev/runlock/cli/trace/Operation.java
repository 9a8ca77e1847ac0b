package dev.runlock.cli.trace;

import java.util.Optional;

/**
 * One thing the traced command did that a Landlock sandbox decides on.
 *
 * @param program the basename of the program the process was running
 * @param call the system call, e.g. {@code openat}
 * @param path for file operations and UNIX sockets: the absolute, lexically normalized path as a
 *     byte string (see {@link TraceText}); empty for ports
 * @param port for network operations, the port; else -1
 * @param errno empty if the call succeeded
 */
public record Operation(int pid, String program, String call, Access access, String path, int port,
                        Optional<String> errno) {

    public boolean succeeded() {
        return errno.isEmpty();
    }
}
