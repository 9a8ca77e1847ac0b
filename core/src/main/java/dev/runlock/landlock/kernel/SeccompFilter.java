package dev.runlock.landlock.kernel;

import dev.runlock.landlock.Errno;
import java.util.List;

/**
 * runlock's classic-BPF seccomp program. It always makes {@code ioctl(fd, TIOCSTI, ...)} and
 * {@code ioctl(fd, TIOCLINUX, ...)} fail with EPERM: both push input into a terminal, which a
 * command could use to type into its caller's shell after it exits, outside the sandbox, and
 * Landlock's IOCTL_DEV does not cover inherited descriptors. Only the low 32 bits of the
 * request are compared, as the kernel reads them (CVE-2019-10063: {@code TIOCSTI | 1 << 32}
 * passed flatpak's filter and still injected).
 * <p>
 * With {@code blockMptcp}, {@code socket(*, *, IPPROTO_MPTCP)} fails with EPROTONOSUPPORT too:
 * since Landlock erratum 1, TCP rights cover only {@code IPPROTO_TCP} sockets, so an MPTCP
 * socket could bind or connect any port; programs that try MPTCP fall back to TCP on this error.
 * Two other calls create sockets whose protocol seccomp cannot read; with {@code blockMptcp}
 * they fail with ENOSYS, as on a kernel without them, so that callers fall back on the direct
 * {@code socket}: {@code io_uring_setup} (an {@code IORING_OP_SOCKET} request carries the
 * protocol in shared memory) and, on i386, {@code socketcall(SYS_SOCKET, args)}, whose arguments
 * lie in user memory (a libc that creates every socket this way has no fallback; the other
 * {@code socketcall} calls act on sockets that exist already and pass). x32 needs nothing more:
 * it uses x86-64's table, which has no {@code socketcall}, and its {@code socket} is the native
 * number with the x32 bit.
 * <p>
 * Covers the native ABI, x32 (and x32 numbers reached without the x32 bit on old kernels), and
 * the 32-bit compat ABI's direct {@code socket}, {@code socketcall}, {@code io_uring_setup} and
 * {@code ioctl} syscalls. Everything else is allowed.
 */
final class SeccompFilter {
    static final int IPPROTO_MPTCP = 262;
    static final int TIOCSTI = 0x5412;
    static final int TIOCLINUX = 0x541C;
    static final int SYS_SOCKET = 1;

    private static final short LD_W_ABS = 0x20;
    private static final short ALU_AND_K = 0x54;
    private static final short JEQ_K = 0x15;
    private static final short RET_K = 0x06;
    private static final int RET_ALLOW = 0x7fff0000;
    private static final int RET_ERRNO = 0x00050000;

    /* struct seccomp_data { int nr; __u32 arch; __u64 instruction_pointer; __u64 args[6]; }, little-endian */
    private static final int OFFSET_NR = 0;
    private static final int OFFSET_ARCH = 4;
    private static final int OFFSET_ARG0_LOW = 16;
    private static final int OFFSET_ARG1_LOW = 16 + 8;
    private static final int OFFSET_ARG2_LOW = 16 + 2 * 8;

    /** One BPF instruction. */
    record Insn(short code, int jt, int jf, int k) {
    }

    private SeccompFilter() {
    }

    static List<Insn> program(Arch.Numbers n, boolean blockMptcp) {
        int mptcp = blockMptcp ? RET_ERRNO | Errno.EPROTONOSUPPORT : RET_ALLOW;
        int opaqueSocket = blockMptcp ? RET_ERRNO | Errno.ENOSYS : RET_ALLOW;
        return List.of(
                /* 0 */ new Insn(LD_W_ABS, 0, 0, OFFSET_ARCH),
                /* 1 */ new Insn(JEQ_K, 0, 6, n.auditArch()),          // native → 2, else → 8
                /* 2 */ new Insn(LD_W_ABS, 0, 0, OFFSET_NR),
                /* 3 */ new Insn(ALU_AND_K, 0, 0, ~n.x32Bit()),          // x32 calls share the checks
                /* 4 */ new Insn(JEQ_K, 9, 0, (int) n.socket()),        // → 14
                /* 5 */ new Insn(JEQ_K, 10, 0, (int) n.ioctl()),        // → 16
                /* 6 */ new Insn(JEQ_K, 9, 0, (int) n.x32Ioctl()),      // → 16
                /* 7 */ new Insn(JEQ_K, 15, 13, (int) Arch.IO_URING_SETUP), // → 23, else → 21
                /* 8 */ new Insn(JEQ_K, 0, 12, n.compatAuditArch()),    // compat → 9, else → 21
                /* 9 */ new Insn(LD_W_ABS, 0, 0, OFFSET_NR),
                /* 10 */ new Insn(JEQ_K, 3, 0, (int) n.compatSocket()), // → 14
                /* 11 */ new Insn(JEQ_K, 4, 0, (int) n.compatIoctl()),  // → 16
                /* 12 */ new Insn(JEQ_K, 10, 0, (int) Arch.IO_URING_SETUP), // → 23
                /* 13 */ new Insn(JEQ_K, 5, 7, (int) n.compatSocketcall()), // → 19, else → 21
                /* 14 */ new Insn(LD_W_ABS, 0, 0, OFFSET_ARG2_LOW),
                /* 15 */ new Insn(JEQ_K, 6, 5, IPPROTO_MPTCP),          // → 22, else → 21
                /* 16 */ new Insn(LD_W_ABS, 0, 0, OFFSET_ARG1_LOW),
                /* 17 */ new Insn(JEQ_K, 6, 0, TIOCSTI),                // → 24
                /* 18 */ new Insn(JEQ_K, 5, 2, TIOCLINUX),              // → 24, else → 21
                /* 19 */ new Insn(LD_W_ABS, 0, 0, OFFSET_ARG0_LOW),
                /* 20 */ new Insn(JEQ_K, 2, 0, SYS_SOCKET),             // → 23, else → 21
                /* 21 */ new Insn(RET_K, 0, 0, RET_ALLOW),
                /* 22 */ new Insn(RET_K, 0, 0, mptcp),
                /* 23 */ new Insn(RET_K, 0, 0, opaqueSocket),
                /* 24 */ new Insn(RET_K, 0, 0, RET_ERRNO | Errno.EPERM));
    }
}
