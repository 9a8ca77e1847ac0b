package dev.runlock.landlock.kernel;

import dev.runlock.os.ByteStrings;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import dev.runlock.landlock.Abi;
import dev.runlock.landlock.Errno;
import dev.runlock.landlock.KernelSupport;
import dev.runlock.landlock.KernelSupport.Availability;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The real kernel, reached through {@link Syscall}. */
public final class LinuxKernel implements Kernel {
    private static final long CREATE_RULESET_VERSION = 1;
    private static final long CREATE_RULESET_ERRATA = 2;
    private static final long RULE_PATH_BENEATH = 1;
    private static final long RULE_NET_PORT = 2;
    private static final long PR_SET_NO_NEW_PRIVS = 38;
    private static final long PR_SET_SECCOMP = 22;
    private static final long PR_SET_PDEATHSIG = 1;
    private static final long SECCOMP_MODE_FILTER = 2;
    private static final long AT_FDCWD = -100;
    private static final long O_PATH = 0x200000;
    private static final long O_CLOEXEC = 0x80000;
    private static final long SIG_SETMASK = 2;
    private static final String LSM_LANDLOCK = "landlock";
    private static final long LSM_ID_LANDLOCK = 110;
    private static final long SIG_IGN = 1;
    private static final int SIGKILL = 9;
    private static final int SIGSTOP = 19;
    private static final long MAX_FD = 0xFFFF_FFFFL;
    private static final long CLOSE_RANGE_CLOEXEC = 4;
    private static final long F_SETFD = 2;
    private static final long FD_CLOEXEC = 1;
    private static final long PR_CAPBSET_DROP = 24;
    private static final long PR_CAP_AMBIENT = 47;
    private static final long PR_CAP_AMBIENT_CLEAR_ALL = 4;
    private static final int LINUX_CAPABILITY_VERSION_3 = 0x20080522;
    /** No kernel has 64 capabilities yet; past the last one PR_CAPBSET_DROP answers EINVAL. */
    private static final int CAPABILITY_LIMIT = 64;
    private static final long O_RDWR = 2;
    private static final long O_EXCL = 0x80;

    private final Arch.Numbers nr;
    private final long openTmpfile;

    public LinuxKernel() {
        this(Arch.current());
    }

    LinuxKernel(Arch arch) {
        this.nr = arch.numbers();
        this.openTmpfile = arch.openTmpfile();
    }

    /**
     * Starts linking the native call on a daemon thread, so that the JDK's work for it overlaps
     * the caller's (parsing, ELF resolution); the first system call waits for it to finish.
     */
    public static void prepareInBackground() {
        Syscall.linkInBackground();
    }

    @Override
    public KernelSupport probe() {
        int version;
        try {
            version = (int) Syscall.call("landlock_create_ruleset", Arch.LANDLOCK_CREATE_RULESET, 0, 0, CREATE_RULESET_VERSION, 0, 0);
        } catch (KernelException e) {
            return KernelSupport.unavailable(classify(e.errno()), e.errno());
        }
        long errata;
        try {
            errata = Syscall.call("landlock_create_ruleset", Arch.LANDLOCK_CREATE_RULESET, 0, 0, CREATE_RULESET_ERRATA, 0, 0);
        } catch (KernelException e) {
            errata = 0; // kernels before the errata interface answer EINVAL
        }
        return KernelSupport.enabled(version, errata);
    }

    /**
     * Tells a kernel without Landlock from one whose Landlock a seccomp filter hides: ENOSYS
     * under a filter counts as blocked unless the kernel's LSM list shows Landlock is not there.
     */
    private Availability classify(int errno) {
        boolean filtered = errno == Errno.ENOSYS && underSeccompFilter();
        return classify(errno, filtered, filtered ? activeLsms() : Optional.empty());
    }

    /** {@link #classify(int)} on what this process sees: its seccomp mode and the active LSMs, if known. */
    static Availability classify(int errno, boolean underSeccompFilter, Optional<List<String>> activeLsms) {
        if (errno == Errno.EOPNOTSUPP) {
            return Availability.DISABLED;
        }
        if (errno != Errno.ENOSYS) {
            return Availability.BLOCKED;
        }
        return underSeccompFilter && activeLsms.map(lsms -> lsms.contains(LSM_LANDLOCK)).orElse(true)
                ? Availability.BLOCKED : Availability.ABSENT;
    }

    /**
     * The active LSMs, from securityfs or, where that is not mounted (containers), from
     * {@code lsm_list_modules} (Linux 6.8); empty if neither answers.
     */
    private Optional<List<String>> activeLsms() {
        try {
            return Optional.of(List.of(Files.readString(Path.of("/sys/kernel/security/lsm")).trim().split(",")));
        } catch (IOException e) {
            // fall through to the syscall
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ids = arena.allocate(JAVA_LONG, 32);
            MemorySegment size = arena.allocate(JAVA_INT);
            size.set(JAVA_INT, 0, (int) ids.byteSize());
            int count = (int) Syscall.call("lsm_list_modules", Arch.LSM_LIST_MODULES, ids.address(), size.address(), 0, 0, 0);
            List<String> names = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                names.add(ids.getAtIndex(JAVA_LONG, i) == LSM_ID_LANDLOCK ? LSM_LANDLOCK : "lsm" + ids.getAtIndex(JAVA_LONG, i));
            }
            return Optional.of(names);
        } catch (KernelException e) {
            return Optional.empty();
        }
    }

    private static boolean underSeccompFilter() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .anyMatch(line -> line.startsWith("Seccomp:") && line.trim().endsWith("2"));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public int createRuleset(RulesetAttr attr, Abi abi) throws KernelException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(Structs.RULESET_ATTR);
            s.set(JAVA_LONG, 0, attr.handledAccessFs());
            s.set(JAVA_LONG, 8, attr.handledAccessNet());
            s.set(JAVA_LONG, 16, attr.scoped());
            return (int) Syscall.call("landlock_create_ruleset", Arch.LANDLOCK_CREATE_RULESET,
                    s.address(), Structs.rulesetAttrSize(abi), 0, 0, 0);
        }
    }

    @Override
    public void addPathRule(int rulesetFd, long allowedAccess, int parentFd) throws KernelException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(Structs.PATH_BENEATH_ATTR);
            s.set(JAVA_LONG, 0, allowedAccess);
            s.set(JAVA_INT, 8, parentFd);
            Syscall.call("landlock_add_rule", Arch.LANDLOCK_ADD_RULE, rulesetFd, RULE_PATH_BENEATH, s.address(), 0, 0);
        }
    }

    @Override
    public void addPortRule(int rulesetFd, long allowedAccess, int port) throws KernelException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(Structs.NET_PORT_ATTR);
            s.set(JAVA_LONG, 0, allowedAccess);
            s.set(JAVA_LONG, 8, port);
            Syscall.call("landlock_add_rule", Arch.LANDLOCK_ADD_RULE, rulesetFd, RULE_NET_PORT, s.address(), 0, 0);
        }
    }

    @Override
    public void restrictSelf(int rulesetFd, long flags) throws KernelException {
        Syscall.call("landlock_restrict_self", Arch.LANDLOCK_RESTRICT_SELF, rulesetFd, flags, 0, 0, 0);
    }

    @Override
    public void setNoNewPrivs() throws KernelException {
        Syscall.call("prctl(PR_SET_NO_NEW_PRIVS)", nr.prctl(), PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    }

    @Override
    public void installSeccompFilter(SeccompGuards guards) throws KernelException {
        List<SeccompFilter.Insn> program = SeccompFilter.program(nr, guards);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment filter = arena.allocate(Structs.SOCK_FILTER, program.size());
            long size = Structs.SOCK_FILTER.byteSize();
            for (int i = 0; i < program.size(); i++) {
                SeccompFilter.Insn insn = program.get(i);
                filter.set(JAVA_SHORT, i * size, insn.code());
                filter.set(JAVA_BYTE, i * size + 2, (byte) insn.jt());
                filter.set(JAVA_BYTE, i * size + 3, (byte) insn.jf());
                filter.set(JAVA_INT, i * size + 4, insn.k());
            }
            MemorySegment fprog = arena.allocate(Structs.SOCK_FPROG);
            fprog.set(JAVA_SHORT, 0, (short) program.size());
            fprog.set(JAVA_LONG, 8, filter.address());
            Syscall.call("prctl(PR_SET_SECCOMP)", nr.prctl(), PR_SET_SECCOMP, SECCOMP_MODE_FILTER, fprog.address(), 0, 0);
        }
    }

    @Override
    public int openPath(Path path) throws KernelException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment name = cString(arena, ByteStrings.bytes(path));
            return (int) Syscall.call("open " + path, nr.openat(), AT_FDCWD, name.address(), O_PATH | O_CLOEXEC, 0, 0);
        }
    }

    /**
     * Opens a new file in {@code directory} that has no name and never gets one ({@code O_TMPFILE}
     * with {@code O_EXCL}): only this process reaches it, and whom it hands the descriptor or its
     * {@code /proc/PID/fd} entry (which no Landlock sandbox may open, not being this process's tracer).
     *
     * @return the descriptor, read-write, close-on-exec
     */
    public int openUnnamedFile(Path directory) throws KernelException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment name = cString(arena, ByteStrings.bytes(directory));
            return (int) Syscall.call("open an unnamed file in " + directory, nr.openat(), AT_FDCWD, name.address(),
                    openTmpfile | O_RDWR | O_EXCL | O_CLOEXEC, 0600, 0);
        }
    }

    @Override
    public void close(int fd) {
        try {
            Syscall.call("close", nr.close(), fd, 0, 0, 0, 0);
        } catch (KernelException e) {
            // Nothing to do: the descriptor is gone either way.
        }
    }

    @Override
    public void clearSignalMask() throws KernelException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment empty = arena.allocate(JAVA_LONG);
            Syscall.call("rt_sigprocmask", nr.rtSigprocmask(), SIG_SETMASK, empty.address(), 0, 8, 0);
        }
    }

    @Override
    public void ignoreSignals(long mask) throws KernelException {
        try (Arena arena = Arena.ofConfined()) {
            // struct kernel_sigaction: handler first, then flags, (restorer,) mask; all zero but SIG_IGN.
            MemorySegment action = arena.allocate(JAVA_LONG, 4);
            action.set(JAVA_LONG, 0, SIG_IGN);
            for (int signal = 1; signal <= 64; signal++) {
                if ((mask & (1L << (signal - 1))) != 0 && signal != SIGKILL && signal != SIGSTOP) {
                    Syscall.call("rt_sigaction(" + signal + ")", nr.rtSigaction(), signal, action.address(), 0, 8, 0);
                }
            }
        }
    }

    @Override
    public void closeOnExecAbove2(Set<Integer> keep) throws KernelException {
        for (int fd : keep) {
            Syscall.call("descriptor " + fd, nr.fcntl(), fd, F_SETFD, 0, 0, 0);
        }
        long first = 3;
        for (int fd : new TreeSet<>(keep)) {
            if (fd > first) {
                markCloseOnExec(first, fd - 1L);
            }
            first = Math.max(first, fd + 1L);
        }
        markCloseOnExec(first, MAX_FD);
    }

    private void markCloseOnExec(long first, long last) throws KernelException {
        try {
            Syscall.call("close_range", nr.closeRange(), first, last, CLOSE_RANGE_CLOEXEC, 0, 0);
        } catch (KernelException e) {
            if (e.errno() != Errno.EINVAL && e.errno() != Errno.ENOSYS) {
                throw e;
            }
            // Before Linux 5.11 close_range has no CLOEXEC flag: set it descriptor by descriptor.
            for (int fd : openDescriptors()) {
                if (fd >= first && fd <= last) {
                    setCloseOnExec(fd);
                }
            }
        }
    }

    private void setCloseOnExec(int fd) throws KernelException {
        try {
            Syscall.call("fcntl", nr.fcntl(), fd, F_SETFD, FD_CLOEXEC, 0, 0);
        } catch (KernelException e) {
            // The listing includes the descriptor that read /proc/self/fd, closed since.
            if (e.errno() != Errno.EBADF) {
                throw e;
            }
        }
    }

    private static List<Integer> openDescriptors() {
        try (var entries = Files.list(Path.of("/proc/self/fd"))) {
            return entries.map(p -> Integer.parseInt(p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list /proc/self/fd", e);
        }
    }

    @Override
    public void changeDirectory(int fd) throws KernelException {
        Syscall.call("fchdir", nr.fchdir(), fd, 0, 0, 0, 0);
    }

    @Override
    public void newSession() throws KernelException {
        Syscall.call("setsid", nr.setsid(), 0, 0, 0, 0, 0);
    }

    @Override
    public void endWithParent(long parent) throws KernelException {
        Syscall.call("prctl(PR_SET_PDEATHSIG)", nr.prctl(), PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
        // Set after the parent ended, the signal never comes: the process would run on orphaned.
        if (Syscall.call("getppid", nr.getppid(), 0, 0, 0, 0, 0) != parent) {
            throw new KernelException("prctl(PR_SET_PDEATHSIG): parent " + parent + " ended", Errno.ESRCH);
        }
    }

    @Override
    public void dropBoundingCapabilities() throws KernelException {
        // The kernel's last capability is where PR_CAPBSET_DROP starts answering EINVAL, the same
        // bound as /proc/sys/kernel/cap_last_cap, without needing /proc.
        for (int cap = 0; cap < CAPABILITY_LIMIT; cap++) {
            try {
                Syscall.call("prctl(PR_CAPBSET_DROP, " + cap + ")", nr.prctl(), PR_CAPBSET_DROP, cap, 0, 0, 0);
            } catch (KernelException e) {
                if (e.errno() == Errno.EINVAL || (cap == 0 && e.errno() == Errno.EPERM)) {
                    return; // past the last capability, or no CAP_SETPCAP: nothing to drop
                }
                throw e;
            }
        }
    }

    @Override
    public void clearAmbientCapabilities() throws KernelException {
        Syscall.call("prctl(PR_CAP_AMBIENT_CLEAR_ALL)", nr.prctl(), PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
    }

    @Override
    public void clearCapabilities() throws KernelException {
        try (Arena arena = Arena.ofConfined()) {
            // struct __user_cap_header_struct { __u32 version; int pid; }: pid 0 is the caller.
            MemorySegment header = arena.allocate(JAVA_INT, 2);
            header.set(JAVA_INT, 0, LINUX_CAPABILITY_VERSION_3);
            // Version 3 takes two struct __user_cap_data_struct { __u32 effective, permitted, inheritable; }: all zero.
            MemorySegment data = arena.allocate(JAVA_INT, 6);
            Syscall.call("capset", nr.capset(), header.address(), data.address(), 0, 0, 0);
        }
    }

    @Override
    public void execve(String path, List<String> argv, List<String> envp) throws KernelException {
        // The arena must outlive the call; execve only returns on failure.
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment file = cString(arena, ByteStrings.encode(path));
            Syscall.call("execve", nr.execve(), file.address(), strings(arena, argv).address(),
                    strings(arena, envp).address(), 0, 0);
        }
    }

    /** A NULL-terminated array of C strings, each with the bytes its {@link ByteStrings} string stands for. */
    static MemorySegment strings(Arena arena, List<String> values) {
        MemorySegment array = arena.allocate(JAVA_LONG, values.size() + 1L);
        for (int i = 0; i < values.size(); i++) {
            // Pointers are longs on the 64-bit architectures of Arch; JAVA_LONG's accessor is already in use.
            array.setAtIndex(JAVA_LONG, i, cString(arena, ByteStrings.encode(values.get(i))).address());
        }
        array.setAtIndex(JAVA_LONG, values.size(), 0L);
        return array;
    }

    static MemorySegment cString(Arena arena, byte[] bytes) {
        MemorySegment string = arena.allocate(bytes.length + 1L);
        MemorySegment.copy(bytes, 0, string, JAVA_BYTE, 0, bytes.length);
        return string;
    }
}
