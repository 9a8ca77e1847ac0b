package dev.runlock.cli.trace;

import java.util.Optional;
import java.util.Set;

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

    /** Errors a bind, connect or send gets before (or instead of) the permission check. */
    private static final Set<String> NOT_CHECKED = Set.of("EACCES", "EPERM", "EBADF", "EINVAL", "EAFNOSUPPORT",
            "ENOTSOCK", "EFAULT");

    public boolean succeeded() {
        return errno.isEmpty();
    }

    /**
     * Whether the sandbox had to allow this for the run to go as it went. A file operation that
     * failed never reached an inode to check; a network call that failed later (a non-blocking
     * connect's EINPROGRESS, a refused connection, a port in use) did pass the check.
     */
    public boolean neededPermission() {
        return access.network() ? errno.filter(NOT_CHECKED::contains).isEmpty() : succeeded();
    }
}
