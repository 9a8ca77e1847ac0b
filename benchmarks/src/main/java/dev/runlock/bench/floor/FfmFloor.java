package dev.runlock.bench.floor;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The FFM floor: the JVM floor plus one system call (getpid) through a downcall of the shape runlock
 * uses (libc's variadic {@code syscall}, errno captured). What any FFM tool pays before its own work.
 * One class without lambdas: the benchmark's jar holds this class file only.
 */
public final class FfmFloor {
    private static final long GETPID_X86_64 = 39;
    private static final long GETPID_AARCH64 = 172;

    private FfmFloor() {
    }

    @SuppressWarnings("restricted")
    public static void main(String[] args) throws Throwable {
        Linker linker = Linker.nativeLinker();
        MemorySegment syscall = linker.defaultLookup().find("syscall").orElseThrow();
        MethodHandle handle = linker.downcallHandle(syscall,
                FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
                Linker.Option.firstVariadicArg(1), Linker.Option.captureCallState("errno"));
        long getpid = "aarch64".equals(System.getProperty("os.arch")) ? GETPID_AARCH64 : GETPID_X86_64;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Linker.Option.captureStateLayout());
            System.out.println((long) handle.invokeExact(state, getpid, 0L, 0L, 0L, 0L, 0L, 0L));
        }
    }
}
