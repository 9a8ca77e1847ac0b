package dev.runlock.landlock.kernel;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.runlock.landlock.Errno;
import dev.runlock.os.ByteStrings;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The libc calls that start, watch and signal a child process: {@code posix_spawn} with its file
 * actions and attributes, {@code pipe2}, {@code open}, {@code waitid}, {@code kill}. One downcall
 * handle serves every function (the address is its first argument; all arguments pass as
 * {@code long}, as in {@link Syscall}), linked once per JVM. glibc 2.34 or newer
 * ({@code posix_spawn_file_actions_addclosefrom_np}).
 */
@SuppressWarnings("restricted")
public final class ProcessCalls {
    private static final int O_RDONLY = 0;
    private static final int O_WRONLY = 1;
    private static final int O_CREAT = 0x40;
    private static final int O_TRUNC = 0x200;
    private static final int O_APPEND = 0x400;
    private static final int O_CLOEXEC = 0x80000;
    private static final int POSIX_SPAWN_SETSIGDEF = 0x04;
    private static final int POSIX_SPAWN_SETSIGMASK = 0x08;
    private static final long P_PID = 1;
    private static final long WEXITED = 4;
    private static final long WNOWAIT = 0x01000000;
    private static final int CLD_EXITED = 1;
    /* siginfo_t for SIGCHLD on 64-bit Linux: int si_signo, si_errno, si_code, pad; pid_t si_pid; uid_t si_uid; int si_status */
    private static final long SIGINFO_SIZE = 128;
    private static final long SI_CODE = 8;
    private static final long SI_STATUS = 24;
    /* glibc: posix_spawn_file_actions_t is 80 bytes, posix_spawnattr_t 336, sigset_t 128; room to spare. */
    private static final long OPAQUE_SIZE = 512;

    private ProcessCalls() {
    }

    /** The linked handle and the functions' addresses, resolved by the first thread that needs them. */
    private static final class Libc {
        static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
        static final long ERRNO_OFFSET = CAPTURE.byteOffset(MemoryLayout.PathElement.groupElement("errno"));
        static final MethodHandle CALL = Linker.nativeLinker().downcallHandle(
                FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
                Linker.Option.captureCallState("errno"));
        static final MemorySegment SPAWN = find("posix_spawn");
        static final MemorySegment FA_INIT = find("posix_spawn_file_actions_init");
        static final MemorySegment FA_DUP2 = find("posix_spawn_file_actions_adddup2");
        static final MemorySegment FA_CLOSEFROM = find("posix_spawn_file_actions_addclosefrom_np");
        static final MemorySegment FA_CHDIR = find("posix_spawn_file_actions_addchdir_np");
        static final MemorySegment FA_DESTROY = find("posix_spawn_file_actions_destroy");
        static final MemorySegment ATTR_INIT = find("posix_spawnattr_init");
        static final MemorySegment ATTR_FLAGS = find("posix_spawnattr_setflags");
        static final MemorySegment ATTR_SIGMASK = find("posix_spawnattr_setsigmask");
        static final MemorySegment ATTR_SIGDEFAULT = find("posix_spawnattr_setsigdefault");
        static final MemorySegment ATTR_DESTROY = find("posix_spawnattr_destroy");
        static final MemorySegment SIGEMPTYSET = find("sigemptyset");
        static final MemorySegment SIGFILLSET = find("sigfillset");
        static final MemorySegment PIPE2 = find("pipe2");
        static final MemorySegment OPEN = find("open");
        static final MemorySegment CLOSE = find("close");
        static final MemorySegment WAITID = find("waitid");
        static final MemorySegment KILL = find("kill");

        private static MemorySegment find(String name) {
            return Linker.nativeLinker().defaultLookup().find(name)
                    .orElseThrow(() -> new UnsupportedOperationException("libc has no " + name + "() (glibc 2.34 or newer needed)"));
        }
    }

    /**
     * Links the handle, runs each shape of call once and assembles the seccomp filter, so that a
     * thread that restricts itself later loads no class and generates no code on its way to
     * {@code posix_spawn}.
     */
    public static void link() {
        SeccompFilter.program(Arch.current().numbers(), new SeccompGuards(true, true));
        new KernelException("link", Errno.EPERM).getMessage();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment set = arena.allocate(OPAQUE_SIZE, 16);
            call("sigemptyset", Libc.SIGEMPTYSET, set.address());
            errorNumber("posix_spawnattr_init", Libc.ATTR_INIT, set.address());
            errorNumber("posix_spawnattr_destroy", Libc.ATTR_DESTROY, set.address());
        } catch (KernelException e) {
            throw new IllegalStateException("libc's signal set calls failed", e);
        }
    }

    /** A pipe, both ends close-on-exec: {@code [read, write]}. */
    public static int[] pipe() throws KernelException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(JAVA_INT, 2);
            call("pipe2", Libc.PIPE2, fds.address(), O_CLOEXEC);
            return new int[] {fds.getAtIndex(JAVA_INT, 0), fds.getAtIndex(JAVA_INT, 1)};
        }
    }

    /** Opens {@code path} for reading, close-on-exec. */
    public static int openForReading(Path path) throws KernelException {
        return open(path, O_RDONLY);
    }

    /** Opens {@code path} for writing, close-on-exec, created (mode 0666, less the umask) if missing, emptied unless {@code append}. */
    public static int openForWriting(Path path, boolean append) throws KernelException {
        return open(path, O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC));
    }

    private static int open(Path path, int flags) throws KernelException {
        try (Arena arena = Arena.ofConfined()) {
            return call("open " + path, Libc.OPEN, LinuxKernel.cString(arena, ByteStrings.bytes(path)).address(), flags | O_CLOEXEC, 0666);
        }
    }

    public static void close(int fd) {
        try {
            call("close", Libc.CLOSE, fd);
        } catch (KernelException e) {
            // The descriptor is gone either way.
        }
    }

    /** Sends {@code signal} to {@code pid}. */
    public static void kill(int pid, int signal) throws KernelException {
        call("kill", Libc.KILL, pid, signal);
    }

    /**
     * Waits until child {@code pid} has exited, without reaping it: its pid stays reserved, so a
     * signal sent before {@link #reap} cannot reach another process.
     */
    public static void awaitExit(int pid) throws KernelException {
        waitid(pid, WEXITED | WNOWAIT);
    }

    /**
     * Reaps exited child {@code pid}.
     *
     * @return its exit status, or 128 + the signal that ended it, as {@link Process#exitValue()} has it
     */
    public static int reap(int pid) throws KernelException {
        return waitid(pid, WEXITED);
    }

    private static int waitid(int pid, long options) throws KernelException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = arena.allocate(SIGINFO_SIZE, 8);
            while (true) {
                try {
                    call("waitid", Libc.WAITID, P_PID, pid, info.address(), options, 0);
                    break;
                } catch (KernelException e) {
                    if (e.errno() != Errno.EINTR) {
                        throw e;
                    }
                }
            }
            int status = info.get(JAVA_INT, SI_STATUS);
            return info.get(JAVA_INT, SI_CODE) == CLD_EXITED ? status : 128 + status;
        }
    }

    /**
     * A {@code posix_spawn} with everything allocated and set up, so that {@link #spawn()} is one
     * native call: what runs on a thread after it restricted itself.
     */
    public static final class Prepared implements AutoCloseable {
        private final MemorySegment pid;
        private final MemorySegment path;
        private final MemorySegment actions;
        private final MemorySegment attributes;
        private final MemorySegment argv;
        private final MemorySegment envp;
        private final String label;

        private Prepared(Arena arena, String path, List<String> argv, List<String> env, Optional<Path> directory,
                         int[] stdio) throws KernelException {
            this.label = "posix_spawn " + path;
            this.pid = arena.allocate(JAVA_INT);
            this.path = cString(arena, path);
            this.argv = LinuxKernel.strings(arena, argv);
            this.envp = LinuxKernel.strings(arena, env);
            this.actions = arena.allocate(OPAQUE_SIZE, 16);
            this.attributes = arena.allocate(OPAQUE_SIZE, 16);
            errorNumber("posix_spawn_file_actions_init", Libc.FA_INIT, actions.address());
            errorNumber("posix_spawnattr_init", Libc.ATTR_INIT, attributes.address());
            try {
                for (int target = 0; target < stdio.length; target++) {
                    if (stdio[target] >= 0) {
                        errorNumber("posix_spawn_file_actions_adddup2", Libc.FA_DUP2, actions.address(), stdio[target], target);
                    }
                }
                // Nothing of the JVM's reaches the child but what stdio names.
                errorNumber("posix_spawn_file_actions_addclosefrom_np", Libc.FA_CLOSEFROM, actions.address(), stdio.length);
                if (directory.isPresent()) {
                    errorNumber("posix_spawn_file_actions_addchdir_np", Libc.FA_CHDIR, actions.address(),
                            LinuxKernel.cString(arena, ByteStrings.bytes(directory.get())).address());
                }
                // The JVM blocks and handles signals the child must see with their defaults.
                MemorySegment none = arena.allocate(OPAQUE_SIZE, 16);
                MemorySegment all = arena.allocate(OPAQUE_SIZE, 16);
                call("sigemptyset", Libc.SIGEMPTYSET, none.address());
                call("sigfillset", Libc.SIGFILLSET, all.address());
                errorNumber("posix_spawnattr_setsigmask", Libc.ATTR_SIGMASK, attributes.address(), none.address());
                errorNumber("posix_spawnattr_setsigdefault", Libc.ATTR_SIGDEFAULT, attributes.address(), all.address());
                errorNumber("posix_spawnattr_setflags", Libc.ATTR_FLAGS, attributes.address(),
                        POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
            } catch (KernelException | RuntimeException e) {
                close();
                throw e;
            }
        }

        /** Starts the child; on the calling thread's credentials, sandbox included. */
        public int spawn() throws KernelException {
            errorNumber(label, Libc.SPAWN, pid.address(), path.address(), actions.address(), attributes.address(),
                    argv.address(), envp.address());
            return pid.get(JAVA_INT, 0);
        }

        /** Frees what libc allocated for the file actions and attributes. */
        @Override
        public void close() {
            try {
                errorNumber("posix_spawn_file_actions_destroy", Libc.FA_DESTROY, actions.address());
                errorNumber("posix_spawnattr_destroy", Libc.ATTR_DESTROY, attributes.address());
            } catch (KernelException e) {
                // glibc's destroy functions cannot fail.
            }
        }
    }

    /**
     * Prepares a spawn of {@code path} in {@code arena}, which must outlive the spawn.
     *
     * @param stdio for descriptors 0, 1 and 2: the descriptor to duplicate onto it, or -1 to inherit the JVM's
     */
    public static Prepared prepare(Arena arena, String path, List<String> argv, List<String> env,
                                   Optional<Path> directory, int[] stdio) throws KernelException {
        return new Prepared(arena, path, argv, env, directory, stdio);
    }

    /** Calls {@code fn} with its arguments; -1 means failure with errno. */
    private static int call(String name, MemorySegment fn, long... args) throws KernelException {
        long outcome = invoke(name, fn, args);
        int result = (int) outcome;
        if (result < 0) {
            throw new KernelException(name, (int) (outcome >>> 32));
        }
        return result;
    }

    /** Calls {@code fn}, which returns 0 or an error number (the posix_spawn family). */
    private static void errorNumber(String name, MemorySegment fn, long... args) throws KernelException {
        int result = (int) invoke(name, fn, args);
        if (result != 0) {
            throw new KernelException(name, result);
        }
    }

    /** The call's result in the low half, errno in the high half. */
    private static long invoke(String name, MemorySegment fn, long... args) {
        long[] a = new long[6];
        System.arraycopy(args, 0, a, 0, args.length);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Libc.CAPTURE);
            int result = (int) Libc.CALL.invokeExact(fn, state, a[0], a[1], a[2], a[3], a[4], a[5]);
            return (long) state.get(JAVA_INT, Libc.ERRNO_OFFSET) << 32 | (result & 0xFFFF_FFFFL);
        } catch (Throwable t) {
            throw new IllegalStateException("native call " + name + " failed", t);
        }
    }

    private static MemorySegment cString(Arena arena, String value) {
        return LinuxKernel.cString(arena, ByteStrings.encode(value));
    }
}
