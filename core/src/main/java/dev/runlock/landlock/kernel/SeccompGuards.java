package dev.runlock.landlock.kernel;

/**
 * Which guards of runlock's seccomp filter refuse calls, beside the terminal guard, which is
 * always on.
 *
 * @param tcp TCP is restricted and Landlock's TCP rights skip some sockets (or may, where seccomp
 *            cannot tell): MPTCP, SCTP and SMC sockets, {@code io_uring_setup} and i386
 *            {@code socketcall(SYS_SOCKET)} fail
 * @param unixSockets the filesystem is restricted, the ruleset cannot restrict connecting to
 *            pathname UNIX sockets (below ABI 9) and no such socket was granted:
 *            {@code socket(AF_UNIX, ...)} fails with EACCES, and {@code io_uring_setup} and i386
 *            {@code socketcall(SYS_SOCKET)} with ENOSYS; {@code socketpair} passes
 */
public record SeccompGuards(boolean tcp, boolean unixSockets) {
    /** Only the terminal guard. */
    public static final SeccompGuards NONE = new SeccompGuards(false, false);

    /** Whether a call whose socket family or protocol seccomp cannot read must fail. */
    boolean opaqueSockets() {
        return tcp || unixSockets;
    }
}
