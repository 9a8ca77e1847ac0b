package dev.runlock.landlock.kernel;

import dev.runlock.landlock.Errno;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * runlock's classic-BPF seccomp program. It always makes {@code ioctl(fd, TIOCSTI, ...)} and
 * {@code ioctl(fd, TIOCLINUX, ...)} fail with EPERM: both push input into a terminal, which a
 * command could use to type into its caller's shell after it exits, outside the sandbox, and
 * Landlock's IOCTL_DEV does not cover inherited descriptors. Only the low 32 bits of the
 * request are compared, as the kernel reads them (CVE-2019-10063: {@code TIOCSTI | 1 << 32}
 * passed flatpak's filter and still injected).
 * <p>
 * With {@link SeccompGuards#tcp()} (with Landlock erratum 1 TCP rights cover only
 * {@code IPPROTO_TCP} sockets), it also closes the other ways to bind or connect a TCP-like
 * socket, with the errors of a kernel without the feature, so that programs fall back to plain
 * TCP: {@code socket(*, *, IPPROTO_MPTCP)}, and on AF_INET/AF_INET6 SCTP ({@code IPPROTO_SCTP},
 * or {@code SOCK_SEQPACKET}, which only SCTP provides) and {@code IPPROTO_SMC}: EPROTONOSUPPORT;
 * {@code socket(AF_SMC, ...)}: EAFNOSUPPORT. (TCP Fast Open sends need no guard: Landlock checks
 * their implicit connect; measured on Linux 6.12, 6.18 and 7.3.)
 * <p>
 * With {@link SeccompGuards#unixSockets()}, {@code socket(AF_UNIX, ...)} fails with EACCES, the
 * error Landlock gives a denied connect from ABI 9 on: below it, a socket could connect to any
 * pathname UNIX socket it can name. {@code socketpair}, another syscall, passes.
 * <p>
 * With either, calls that create sockets whose family and protocol lie in user memory, out of
 * seccomp's reach, fail with ENOSYS, as on a kernel without them, so that callers fall back on
 * the direct syscall: {@code io_uring_setup} (an {@code IORING_OP_SOCKET} request) and, on i386,
 * {@code socketcall(SYS_SOCKET, ...)} (the other {@code socketcall} calls pass).
 * <p>
 * Covers the native ABI, x32 (and x32 numbers reached without the x32 bit on old kernels), and
 * the 32-bit compat ABI's direct calls. Everything else is allowed.
 */
final class SeccompFilter {
    static final int IPPROTO_MPTCP = 262;
    static final int IPPROTO_SCTP = 132;
    static final int IPPROTO_SMC = 256;
    static final int AF_UNIX = 1;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int AF_SMC = 43;
    static final int SOCK_SEQPACKET = 5;
    static final int TIOCSTI = 0x5412;
    static final int TIOCLINUX = 0x541C;
    static final int SYS_SOCKET = 1;

    /** {@code SOCK_TYPE_MASK}: the type without {@code SOCK_NONBLOCK} and {@code SOCK_CLOEXEC}. */
    private static final int SOCK_TYPE_MASK = 0xf;
    private static final short LD_W_ABS = 0x20;
    private static final short ALU_AND_K = 0x54;
    private static final short JEQ_K = 0x15;
    private static final short RET_K = 0x06;
    private static final int RET_ALLOW = 0x7fff0000;
    private static final int RET_ERRNO = 0x00050000;

    /* struct seccomp_data { int nr; __u32 arch; __u64 instruction_pointer; __u64 args[6]; }, little-endian */
    private static final int OFFSET_NR = 0;
    private static final int OFFSET_ARCH = 4;
    private static final int OFFSET_ARGS_LOW = 16;

    /** One BPF instruction. */
    record Insn(short code, int jt, int jf, int k) {
    }

    /** The blocks of the program that jumps land on. */
    private enum Label {
        COMPAT, SOCKET, INET_SOCKET, IOCTL, SOCKETCALL, ALLOW, NO_UNIX, NO_PROTOCOL, NO_FAMILY, OPAQUE, TERMINAL
    }

    private SeccompFilter() {
    }

    static List<Insn> program(Arch.Numbers n, SeccompGuards guards) {
        return new Assembler()
                .load(OFFSET_ARCH).jeq(n.auditArch(), null, Label.COMPAT)
                .load(OFFSET_NR).and(~n.x32Bit()) // x32 calls share the checks
                .jeq(n.socket(), Label.SOCKET)
                .jeq(n.ioctl(), Label.IOCTL).jeq(n.x32Ioctl(), Label.IOCTL)
                .jeq(Arch.IO_URING_SETUP, Label.OPAQUE, Label.ALLOW)
                .label(Label.COMPAT).jeq(n.compatAuditArch(), null, Label.ALLOW)
                .load(OFFSET_NR)
                .jeq(n.compatSocket(), Label.SOCKET)
                .jeq(n.compatIoctl(), Label.IOCTL)
                .jeq(Arch.IO_URING_SETUP, Label.OPAQUE)
                .jeq(n.compatSocketcall(), Label.SOCKETCALL, Label.ALLOW)
                // The family first: whatever the protocol, a UNIX socket is a UNIX socket.
                .label(Label.SOCKET).load(arg(0)).jeq(AF_UNIX, Label.NO_UNIX).jeq(AF_SMC, Label.NO_FAMILY)
                .load(arg(2)).jeq(IPPROTO_MPTCP, Label.NO_PROTOCOL)
                .load(arg(0)).jeq(AF_INET, Label.INET_SOCKET).jeq(AF_INET6, null, Label.ALLOW)
                .label(Label.INET_SOCKET).load(arg(2)).jeq(IPPROTO_SCTP, Label.NO_PROTOCOL).jeq(IPPROTO_SMC, Label.NO_PROTOCOL)
                .load(arg(1)).and(SOCK_TYPE_MASK).jeq(SOCK_SEQPACKET, Label.NO_PROTOCOL, Label.ALLOW)
                .label(Label.IOCTL).load(arg(1)).jeq(TIOCSTI, Label.TERMINAL).jeq(TIOCLINUX, Label.TERMINAL, Label.ALLOW)
                .label(Label.SOCKETCALL).load(arg(0)).jeq(SYS_SOCKET, Label.OPAQUE, Label.ALLOW)
                .label(Label.ALLOW).ret(RET_ALLOW)
                .label(Label.NO_UNIX).ret(guarded(guards.unixSockets(), Errno.EACCES))
                .label(Label.NO_PROTOCOL).ret(guarded(guards.tcp(), Errno.EPROTONOSUPPORT))
                .label(Label.NO_FAMILY).ret(guarded(guards.tcp(), Errno.EAFNOSUPPORT))
                .label(Label.OPAQUE).ret(guarded(guards.opaqueSockets(), Errno.ENOSYS))
                .label(Label.TERMINAL).ret(RET_ERRNO | Errno.EPERM)
                .assemble();
    }

    private static int guarded(boolean on, int errno) {
        return on ? RET_ERRNO | errno : RET_ALLOW;
    }

    /** The offset of the low half of syscall argument {@code i}. */
    private static int arg(int i) {
        return OFFSET_ARGS_LOW + 8 * i;
    }

    /** Builds the program with jumps to labels, resolved to relative offsets at the end. */
    private static final class Assembler {
        private record Pending(short code, Label jt, Label jf, int k) {
        }

        private final List<Pending> code = new ArrayList<>();
        private final Map<Label, Integer> labels = new EnumMap<>(Label.class);

        Assembler label(Label label) {
            labels.put(label, code.size());
            return this;
        }

        Assembler load(int offset) {
            return add(LD_W_ABS, null, null, offset);
        }

        Assembler and(int mask) {
            return add(ALU_AND_K, null, null, mask);
        }

        /** Jumps to {@code then} if the accumulator equals the low 32 bits of {@code k}, else falls through. */
        Assembler jeq(long k, Label then) {
            return jeq(k, then, null);
        }

        /** Jumps to {@code then} or {@code otherwise}; {@code null} is the next instruction. */
        Assembler jeq(long k, Label then, Label otherwise) {
            return add(JEQ_K, then, otherwise, (int) k);
        }

        Assembler ret(int k) {
            return add(RET_K, null, null, k);
        }

        private Assembler add(short op, Label jt, Label jf, int k) {
            code.add(new Pending(op, jt, jf, k));
            return this;
        }

        List<Insn> assemble() {
            List<Insn> program = new ArrayList<>(code.size());
            for (int pc = 0; pc < code.size(); pc++) {
                Pending p = code.get(pc);
                program.add(new Insn(p.code(), offset(pc, p.jt()), offset(pc, p.jf()), p.k()));
            }
            return List.copyOf(program);
        }

        private int offset(int pc, Label target) {
            return target == null ? 0 : labels.get(target) - pc - 1;
        }
    }
}
