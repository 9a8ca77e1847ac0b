package dev.runlock.landlock.kernel;

import dev.runlock.landlock.Errno;
import java.util.List;

/**
 * A classic-BPF seccomp program that makes {@code socket(*, *, IPPROTO_MPTCP)} fail with
 * EPROTONOSUPPORT and allows everything else. Since Landlock erratum 1, TCP rights cover
 * only {@code IPPROTO_TCP} sockets, so an MPTCP socket could bind or connect any port; programs
 * that try MPTCP fall back to TCP on this error, and TCP is what the ruleset restricts.
 * Covers the native ABI, x32, and the 32-bit compat ABI's direct {@code socket} syscall.
 */
final class MptcpFilter {
    static final int IPPROTO_MPTCP = 262;

    private static final short LD_W_ABS = 0x20;
    private static final short JEQ_K = 0x15;
    private static final short RET_K = 0x06;
    private static final int RET_ALLOW = 0x7fff0000;
    private static final int RET_ERRNO = 0x00050000;

    /* struct seccomp_data { int nr; __u32 arch; __u64 instruction_pointer; __u64 args[6]; } */
    private static final int OFFSET_NR = 0;
    private static final int OFFSET_ARCH = 4;
    private static final int OFFSET_ARG2_LOW = 16 + 2 * 8;

    /** One BPF instruction. */
    record Insn(short code, int jt, int jf, int k) {
    }

    private MptcpFilter() {
    }

    static List<Insn> program(Arch.Numbers n) {
        return List.of(
                /* 0 */ new Insn(LD_W_ABS, 0, 0, OFFSET_ARCH),
                /* 1 */ new Insn(JEQ_K, 0, 3, n.auditArch()),          // native → 2, else → 5
                /* 2 */ new Insn(LD_W_ABS, 0, 0, OFFSET_NR),
                /* 3 */ new Insn(JEQ_K, 4, 0, (int) n.socket()),        // → 8
                /* 4 */ new Insn(JEQ_K, 3, 5, (int) n.socket() | n.x32Bit()), // x32 → 8, else → 10
                /* 5 */ new Insn(JEQ_K, 0, 4, n.compatAuditArch()),     // compat → 6, else → 10
                /* 6 */ new Insn(LD_W_ABS, 0, 0, OFFSET_NR),
                /* 7 */ new Insn(JEQ_K, 0, 2, (int) n.compatSocket()),  // → 8, else → 10
                /* 8 */ new Insn(LD_W_ABS, 0, 0, OFFSET_ARG2_LOW),
                /* 9 */ new Insn(JEQ_K, 1, 0, IPPROTO_MPTCP),           // → 11, else → 10
                /* 10 */ new Insn(RET_K, 0, 0, RET_ALLOW),
                /* 11 */ new Insn(RET_K, 0, 0, RET_ERRNO | Errno.EPROTONOSUPPORT));
    }
}
