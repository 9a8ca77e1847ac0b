package dev.runlock.cli.trace;

import java.util.List;
import java.util.Optional;

/**
 * One system call as strace reported it, its two halves joined if another process interrupted it.
 *
 * @param pid the thread that made the call
 * @param args the arguments as strace printed them, split at top-level commas
 * @param result the return value; {@code -1} with {@code errno} on failure, {@code 0} if strace printed {@code ?}
 * @param resultFd the path strace printed next to a returned descriptor ({@code -yy}), as bytes, if any
 * @param errno the symbolic error, e.g. {@code EACCES}; empty on success
 */
public record Syscall(int pid, String name, List<String> args, long result, Optional<String> resultFd,
                      Optional<String> errno) {
    public Syscall {
        args = List.copyOf(args);
    }

    public boolean succeeded() {
        return errno.isEmpty();
    }

    /** Argument {@code i}, or the empty string if strace printed fewer. */
    public String arg(int i) {
        return i < args.size() ? args.get(i) : "";
    }
}
