package dev.runlock.landlock.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runlock.landlock.Errno;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Runs runlock's seccomp program in a small classic-BPF interpreter over {@code struct seccomp_data}. */
class SeccompFilterTest {
    private static final int ALLOW = 0x7fff0000;
    private static final int EPROTONOSUPPORT = 0x00050000 | Errno.EPROTONOSUPPORT;
    private static final int EPERM = 0x00050000 | Errno.EPERM;
    private static final int ENOSYS = 0x00050000 | Errno.ENOSYS;
    private static final int EAFNOSUPPORT = 0x00050000 | Errno.EAFNOSUPPORT;
    private static final int EACCES = 0x00050000 | Errno.EACCES;
    private static final List<SeccompGuards> ALL_GUARDS = List.of(SeccompGuards.NONE, new SeccompGuards(true, false),
            new SeccompGuards(false, true), new SeccompGuards(true, true));
    private static final long MSG_FASTOPEN = 0x20000000;
    private static final Map<Arch, Long> SENDTO = Map.of(Arch.X86_64, 44L, Arch.AARCH64, 206L);
    private static final Map<Arch, Long> SENDMSG = Map.of(Arch.X86_64, 46L, Arch.AARCH64, 211L);
    private static final Map<Arch, Long> SOCKETPAIR = Map.of(Arch.X86_64, 53L, Arch.AARCH64, 199L);
    private static final Map<Arch, Long> COMPAT_SOCKETPAIR = Map.of(Arch.X86_64, 360L, Arch.AARCH64, 288L);
    private static final long SYS_BIND = 2;
    private static final long SYS_CONNECT = 3;
    private static final long SYS_SOCKETPAIR = 8;
    private static final long ARGS_POINTER = 0xFFFF_D000L;
    private static final long TCGETS = 0x5401;
    private static final long FIONREAD = 0x541B;
    private static final long AF_INET = 2;
    private static final long SOCK_STREAM = 1;
    private static final long IPPROTO_TCP = 6;
    private static final long IPPROTO_UDP = 17;
    private static final long AF_UNIX = 1;
    private static final long SOCK_DGRAM = 2;
    private static final long SOCK_NONBLOCK_CLOEXEC = 0x800 | 0x80000;
    private static final long SYS_SEND = 9;
    private static final long SYS_RECVFROM = 12;
    private static final long SYS_SENDTO = 11;
    private static final long SYS_SENDMSG = 16;
    private static final int UNKNOWN_ARCH = 0xC00000F3;

    @ParameterizedTest
    @EnumSource(Arch.class)
    void everyJumpLandsOnAnInstructionAndEveryPathReturns(Arch arch) {
        List<SeccompFilter.Insn> program = SeccompFilter.program(arch.numbers(), new SeccompGuards(true, true));

        assertThat(program.size()).isLessThanOrEqualTo(255);
        for (int pc = 0; pc < program.size(); pc++) {
            SeccompFilter.Insn insn = program.get(pc);
            assertThat(insn.code()).as("opcode at %d", pc).isIn((short) 0x20, (short) 0x54, (short) 0x15, (short) 0x06);
            assertThat(insn.jt()).as("jt at %d", pc).isBetween(0, 255);
            assertThat(insn.jf()).as("jf at %d", pc).isBetween(0, 255);
            if (insn.code() == 0x15) {
                assertThat(pc + 1 + insn.jt()).as("jt target of %d", pc).isLessThan(program.size());
                assertThat(pc + 1 + insn.jf()).as("jf target of %d", pc).isLessThan(program.size());
            }
        }
        assertThat(program.getLast().code()).isEqualTo((short) 0x06);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void nativeMptcpSocketFailsSoProgramsFallBackToTcp(Arch arch) {
        Arch.Numbers n = arch.numbers();
        assertThat(socket(n, n.auditArch(), n.socket(), SeccompFilter.IPPROTO_MPTCP))
                .isEqualTo(EPROTONOSUPPORT);
        // The kernel reads the protocol as an int: garbage in the upper half changes nothing.
        assertThat(socket(n, n.auditArch(), n.socket(), 0xFFFF_FFFF_0000_0000L | SeccompFilter.IPPROTO_MPTCP))
                .isEqualTo(EPROTONOSUPPORT);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void otherSocketsAndSyscallsAreAllowed(Arch arch) {
        Arch.Numbers n = arch.numbers();
        assertThat(socket(n, n.auditArch(), n.socket(), IPPROTO_TCP)).isEqualTo(ALLOW);
        assertThat(socket(n, n.auditArch(), n.socket(), 0)).isEqualTo(ALLOW);
        // Same third argument, other syscalls: only socket() is filtered.
        assertThat(run(n, n.auditArch(), n.openat(), 0, 0, SeccompFilter.IPPROTO_MPTCP)).isEqualTo(ALLOW);
        assertThat(run(n, n.auditArch(), n.execve(), 0, 0, SeccompFilter.IPPROTO_MPTCP)).isEqualTo(ALLOW);
        assertThat(socket(n, UNKNOWN_ARCH, n.socket(), SeccompFilter.IPPROTO_MPTCP)).isEqualTo(ALLOW);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void compatArchSocketIsFilteredToo(Arch arch) {
        Arch.Numbers n = arch.numbers();
        assertThat(socket(n, n.compatAuditArch(), n.compatSocket(), SeccompFilter.IPPROTO_MPTCP))
                .isEqualTo(EPROTONOSUPPORT);
        assertThat(socket(n, n.compatAuditArch(), n.compatSocket(), IPPROTO_TCP)).isEqualTo(ALLOW);
        // The native socket number means another syscall on the compat table.
        assertThat(socket(n, n.compatAuditArch(), n.socket(), SeccompFilter.IPPROTO_MPTCP))
                .isEqualTo(n.socket() == n.compatSocket() ? EPROTONOSUPPORT : ALLOW);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void withoutTheMptcpGuardMptcpSocketsAreAllowed(Arch arch) {
        Arch.Numbers n = arch.numbers();
        assertThat(run(n, false, n.auditArch(), n.socket(), AF_INET, SOCK_STREAM, SeccompFilter.IPPROTO_MPTCP))
                .isEqualTo(ALLOW);
        assertThat(run(n, false, n.compatAuditArch(), n.compatSocket(), AF_INET, SOCK_STREAM, SeccompFilter.IPPROTO_MPTCP))
                .isEqualTo(ALLOW);
    }

    @ParameterizedTest(name = "{0}, MPTCP guard {1}")
    @CsvSource({"X86_64, true", "X86_64, false", "AARCH64, true", "AARCH64, false"})
    void terminalInjectionFailsWithEpermAlwaysOnEveryAbi(Arch arch, boolean mptcp) {
        Arch.Numbers n = arch.numbers();
        for (long nr : new long[] {n.ioctl(), n.ioctl() | n.x32Bit(), n.x32Ioctl(), n.x32Ioctl() | n.x32Bit()}) {
            assertThat(run(n, mptcp, n.auditArch(), nr, 0, SeccompFilter.TIOCSTI)).as("nr %d", nr).isEqualTo(EPERM);
            assertThat(run(n, mptcp, n.auditArch(), nr, 0, SeccompFilter.TIOCLINUX)).as("nr %d", nr).isEqualTo(EPERM);
            // CVE-2019-10063: the kernel reads the request as an unsigned int, so the upper half must not matter.
            assertThat(run(n, mptcp, n.auditArch(), nr, 0, (1L << 32) | SeccompFilter.TIOCSTI)).isEqualTo(EPERM);
            assertThat(run(n, mptcp, n.auditArch(), nr, 0, 0xFFFF_FFFF_0000_0000L | SeccompFilter.TIOCLINUX))
                    .isEqualTo(EPERM);
            assertThat(run(n, mptcp, n.auditArch(), nr, 0, TCGETS)).isEqualTo(ALLOW);
            assertThat(run(n, mptcp, n.auditArch(), nr, 0, FIONREAD)).isEqualTo(ALLOW);
        }
        assertThat(run(n, mptcp, n.compatAuditArch(), n.compatIoctl(), 0, SeccompFilter.TIOCSTI)).isEqualTo(EPERM);
        assertThat(run(n, mptcp, n.compatAuditArch(), n.compatIoctl(), 0, SeccompFilter.TIOCLINUX)).isEqualTo(EPERM);
        assertThat(run(n, mptcp, n.compatAuditArch(), n.compatIoctl(), 0, TCGETS)).isEqualTo(ALLOW);
        // The same request to other syscalls, and the TIOCSTI value as a third argument, pass.
        assertThat(run(n, mptcp, n.auditArch(), n.openat(), 0, SeccompFilter.TIOCSTI)).isEqualTo(ALLOW);
        assertThat(run(n, mptcp, n.auditArch(), n.ioctl(), 0, 0, SeccompFilter.TIOCSTI)).isEqualTo(ALLOW);
        assertThat(run(n, mptcp, UNKNOWN_ARCH, n.ioctl(), 0, SeccompFilter.TIOCSTI)).isEqualTo(ALLOW);
    }

    @Test
    void x32SocketIsFilteredOnX86() {
        Arch.Numbers n = Arch.X86_64.numbers();
        long x32Socket = n.socket() | n.x32Bit();
        assertThat(socket(n, n.auditArch(), x32Socket, SeccompFilter.IPPROTO_MPTCP))
                .isEqualTo(EPROTONOSUPPORT);
        assertThat(socket(n, n.auditArch(), x32Socket, IPPROTO_TCP)).isEqualTo(ALLOW);
    }

    @Test
    void i386SocketcallSocketFailsWithEnosysUnderEitherSocketGuard() {
        Arch.Numbers n = Arch.X86_64.numbers();
        int compat = n.compatAuditArch();
        for (SeccompGuards guards : ALL_GUARDS) {
            int expected = guards.tcp() || guards.unixSockets() ? ENOSYS : ALLOW;
            // Its family and protocol lie behind ARGS_POINTER, out of seccomp's reach.
            assertThat(run(n, guards, compat, n.compatSocketcall(), SeccompFilter.SYS_SOCKET, ARGS_POINTER))
                    .as("%s", guards).isEqualTo(expected);
            // The kernel reads the call number as an int.
            assertThat(run(n, guards, compat, n.compatSocketcall(), 0xFFFF_FFFF_0000_0000L | SeccompFilter.SYS_SOCKET,
                    ARGS_POINTER)).as("%s", guards).isEqualTo(expected);
            // Calls on sockets that exist already, sends, and socketpair (no MPTCP pairs, a UNIX pair is no escape) pass.
            for (long call : new long[] {SYS_BIND, SYS_CONNECT, SYS_SOCKETPAIR, SYS_SEND, SYS_SENDTO, SYS_RECVFROM,
                    SYS_SENDMSG}) {
                assertThat(run(n, guards, compat, n.compatSocketcall(), call, ARGS_POINTER)).as("call %d, %s", call, guards)
                        .isEqualTo(ALLOW);
            }
            // 102 is getuid on x86-64 and x32, which have no socketcall.
            assertThat(run(n, guards, n.auditArch(), n.compatSocketcall(), SeccompFilter.SYS_SOCKET)).isEqualTo(ALLOW);
            assertThat(run(n, guards, n.auditArch(), n.compatSocketcall() | n.x32Bit(), SeccompFilter.SYS_SOCKET))
                    .isEqualTo(ALLOW);
        }
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void ioUringSetupFailsWithEnosysUnderEitherSocketGuard(Arch arch) {
        Arch.Numbers n = arch.numbers();
        for (SeccompGuards guards : ALL_GUARDS) {
            int expected = guards.tcp() || guards.unixSockets() ? ENOSYS : ALLOW;
            assertThat(run(n, guards, n.auditArch(), Arch.IO_URING_SETUP, 8, 0)).as("%s", guards).isEqualTo(expected);
            assertThat(run(n, guards, n.auditArch(), Arch.IO_URING_SETUP | n.x32Bit(), 8, 0)).isEqualTo(expected);
            assertThat(run(n, guards, n.compatAuditArch(), Arch.IO_URING_SETUP, 8, 0)).isEqualTo(expected);
            // Without a ring, io_uring_enter has nothing to run.
            assertThat(run(n, guards, n.auditArch(), Arch.IO_URING_SETUP + 1, 3, 1)).isEqualTo(ALLOW);
        }
    }

    @ParameterizedTest(name = "{0}, MPTCP guard {1}")
    @CsvSource({"X86_64, true", "X86_64, false", "AARCH64, true", "AARCH64, false"})
    void sctpAndSmcSocketsFailOnEveryAbiOnlyWhenGuarded(Arch arch, boolean guard) {
        Arch.Numbers n = arch.numbers();
        long[][] abis = {{n.auditArch(), n.socket()}, {n.auditArch(), n.socket() | n.x32Bit()},
                {n.compatAuditArch(), n.compatSocket()}};
        for (long[] abi : abis) {
            int auditArch = (int) abi[0];
            long nr = abi[1];
            for (long family : new long[] {AF_INET, SeccompFilter.AF_INET6}) {
                for (long[] typeAndProtocol : new long[][] {{SOCK_STREAM, SeccompFilter.IPPROTO_SCTP},
                        {SeccompFilter.SOCK_SEQPACKET, SeccompFilter.IPPROTO_SCTP},
                        // SCTP is the only SOCK_SEQPACKET protocol of AF_INET: protocol 0 picks it.
                        {SeccompFilter.SOCK_SEQPACKET, 0},
                        {SeccompFilter.SOCK_SEQPACKET | SOCK_NONBLOCK_CLOEXEC, 0},
                        {SOCK_STREAM, 0xFFFF_FFFF_0000_0000L | SeccompFilter.IPPROTO_SCTP},
                        {SOCK_STREAM, SeccompFilter.IPPROTO_SMC}}) {
                    assertThat(run(n, guard, auditArch, nr, family, typeAndProtocol[0], typeAndProtocol[1]))
                            .as("nr %d, family %d, type %d, protocol %d", nr, family, typeAndProtocol[0], typeAndProtocol[1])
                            .isEqualTo(guard ? EPROTONOSUPPORT : ALLOW);
                }
                // Ordinary TCP and UDP sockets pass.
                for (long[] typeAndProtocol : new long[][] {{SOCK_STREAM, 0}, {SOCK_STREAM, IPPROTO_TCP},
                        {SOCK_STREAM | SOCK_NONBLOCK_CLOEXEC, 0}, {SOCK_DGRAM, 0}, {SOCK_DGRAM, IPPROTO_UDP}}) {
                    assertThat(run(n, guard, auditArch, nr, family, typeAndProtocol[0], typeAndProtocol[1]))
                            .as("nr %d, family %d, type %d", nr, family, typeAndProtocol[0]).isEqualTo(ALLOW);
                }
            }
            assertThat(run(n, guard, auditArch, nr, SeccompFilter.AF_SMC, SOCK_STREAM, 0))
                    .isEqualTo(guard ? EAFNOSUPPORT : ALLOW);
            assertThat(run(n, guard, auditArch, nr, 0xFFFF_FFFF_0000_0000L | SeccompFilter.AF_SMC, SOCK_STREAM, 1))
                    .isEqualTo(guard ? EAFNOSUPPORT : ALLOW);
            // Other families give these numbers other meanings: UNIX seqpacket sockets pass.
            assertThat(run(n, guard, auditArch, nr, AF_UNIX, SeccompFilter.SOCK_SEQPACKET, 0)).isEqualTo(ALLOW);
            assertThat(run(n, guard, auditArch, nr, AF_UNIX, SOCK_STREAM, SeccompFilter.IPPROTO_SCTP)).isEqualTo(ALLOW);
        }
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void sendsPassWhateverTheirFlags(Arch arch) {
        // Landlock checks a Fast Open send's implicit connect itself (TcpGapEnforcementTest).
        Arch.Numbers n = arch.numbers();
        for (SeccompGuards guards : ALL_GUARDS) {
            for (long nr : new long[] {SENDTO.get(arch), SENDMSG.get(arch)}) {
                assertThat(run(n, guards, n.auditArch(), nr, 3, 0, MSG_FASTOPEN, MSG_FASTOPEN)).as("nr %d, %s", nr, guards)
                        .isEqualTo(ALLOW);
            }
        }
    }

    @ParameterizedTest(name = "{0}, TCP guard {1}")
    @CsvSource({"X86_64, true", "X86_64, false", "AARCH64, true", "AARCH64, false"})
    void unixSocketsFailWithEaccesOnEveryAbiOnlyWhenGuarded(Arch arch, boolean tcp) {
        Arch.Numbers n = arch.numbers();
        SeccompGuards guarded = new SeccompGuards(tcp, true);
        SeccompGuards open = new SeccompGuards(tcp, false);
        long[][] abis = {{n.auditArch(), n.socket()}, {n.auditArch(), n.socket() | n.x32Bit()},
                {n.compatAuditArch(), n.compatSocket()}};
        for (long[] abi : abis) {
            int auditArch = (int) abi[0];
            long nr = abi[1];
            for (long type : new long[] {SOCK_STREAM, SOCK_DGRAM, SeccompFilter.SOCK_SEQPACKET, SOCK_STREAM | SOCK_NONBLOCK_CLOEXEC}) {
                for (long protocol : new long[] {0, SeccompFilter.IPPROTO_MPTCP, SeccompFilter.IPPROTO_SCTP}) {
                    assertThat(run(n, guarded, auditArch, nr, AF_UNIX, type, protocol))
                            .as("nr %d, type %d, protocol %d", nr, type, protocol).isEqualTo(EACCES);
                    assertThat(run(n, open, auditArch, nr, AF_UNIX, type, protocol))
                            .as("nr %d, type %d, protocol %d", nr, type, protocol).isEqualTo(ALLOW);
                }
            }
            // The kernel reads the family as an int.
            assertThat(run(n, guarded, auditArch, nr, 0xFFFF_FFFF_0000_0000L | AF_UNIX, SOCK_STREAM, 0)).isEqualTo(EACCES);
            // Other families follow the TCP guard alone.
            assertThat(run(n, guarded, auditArch, nr, AF_INET, SOCK_STREAM, 0)).isEqualTo(ALLOW);
            assertThat(run(n, guarded, auditArch, nr, AF_INET, SOCK_STREAM, SeccompFilter.IPPROTO_MPTCP))
                    .isEqualTo(tcp ? EPROTONOSUPPORT : ALLOW);
        }
        // socketpair, a pipe between the command's own processes, passes; so does the same family to another syscall.
        assertThat(run(n, guarded, n.auditArch(), SOCKETPAIR.get(arch), AF_UNIX, SOCK_STREAM, 0)).isEqualTo(ALLOW);
        assertThat(run(n, guarded, n.compatAuditArch(), COMPAT_SOCKETPAIR.get(arch), AF_UNIX, SOCK_STREAM, 0))
                .isEqualTo(ALLOW);
        assertThat(run(n, guarded, n.auditArch(), n.openat(), AF_UNIX, SOCK_STREAM, 0)).isEqualTo(ALLOW);
    }

    /** Evaluates the program for {@code socket(AF_INET, SOCK_STREAM, protocol)} under syscall number {@code nr}. */
    private static int socket(Arch.Numbers n, int auditArch, long nr, long protocol) {
        return run(n, true, auditArch, nr, AF_INET, SOCK_STREAM, protocol);
    }

    private static int run(Arch.Numbers n, int auditArch, long nr, long... args) {
        return run(n, true, auditArch, nr, args);
    }

    /** Evaluates the program with the TCP guard on or off, the UNIX socket guard off. */
    private static int run(Arch.Numbers n, boolean tcp, int auditArch, long nr, long... args) {
        return run(n, new SeccompGuards(tcp, false), auditArch, nr, args);
    }

    /** Evaluates the program for one syscall; fails on any unknown opcode or runaway jump. */
    private static int run(Arch.Numbers n, SeccompGuards guards, int auditArch, long nr, long... args) {
        ByteBuffer data = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        data.putInt(0, (int) nr).putInt(4, auditArch).putLong(8, 0x7f00_0000_1000L);
        for (int i = 0; i < args.length; i++) {
            data.putLong(16 + 8 * i, args[i]);
        }
        List<SeccompFilter.Insn> program = SeccompFilter.program(n, guards);
        int accumulator = 0;
        int pc = 0;
        while (true) {
            assertThat(pc).as("program counter").isBetween(0, program.size() - 1);
            SeccompFilter.Insn insn = program.get(pc);
            switch (insn.code()) {
                case 0x20 -> { // BPF_LD | BPF_W | BPF_ABS
                    assertThat(insn.k()).as("aligned load inside seccomp_data").isBetween(0, 60).matches(k -> k % 4 == 0);
                    accumulator = data.getInt(insn.k());
                    pc++;
                }
                case 0x54 -> { // BPF_ALU | BPF_AND | BPF_K
                    accumulator &= insn.k();
                    pc++;
                }
                case 0x15 -> pc += 1 + (accumulator == insn.k() ? insn.jt() : insn.jf()); // BPF_JMP | BPF_JEQ | BPF_K
                case 0x06 -> { // BPF_RET | BPF_K
                    return insn.k();
                }
                default -> throw new AssertionError("unknown opcode 0x" + Integer.toHexString(insn.code()) + " at " + pc);
            }
        }
    }
}
