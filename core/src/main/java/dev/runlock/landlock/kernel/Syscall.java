package dev.runlock.landlock.kernel;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The only native call runlock makes: libc's variadic {@code syscall(2)}, with errno captured.
 * One downcall shape for every system call keeps the JVM's FFM startup cost to one handle.
 * Every argument is passed as a {@code long}, which is how glibc reads them.
 */
@SuppressWarnings("restricted")
final class Syscall {
    /**
     * Linking costs tens of milliseconds of CPU, in which the JDK generates and loads classes that
     * no AOT cache keeps: {@link #linkInBackground} lets that run beside the caller's other work.
     */
    private static final FutureTask<Linked> LINK = new FutureTask<>(Syscall::link);

    /** The downcall and its errno capture buffer's layout. */
    private record Linked(MethodHandle handle, StructLayout capture, long errnoOffset) {}

    private Syscall() {
    }

    /**
     * Links on a daemon thread, then runs {@code warmUp} there (system calls without side effects,
     * so the first calls of the caller find their code paths ready). A call waits for the linking.
     */
    static void linkInBackground(Runnable warmUp) {
        Thread thread = new Thread(() -> {
            LINK.run();
            try {
                warmUp.run();
            } catch (RuntimeException e) {
                // The caller's own calls meet and report the same failure.
            }
        }, "runlock-link-syscall");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Calls system call {@code nr}; {@code name} only labels the error.
     *
     * @return the non-negative result
     * @throws KernelException with the errno when the call returns -1
     */
    static long call(String name, long nr, long a0, long a1, long a2, long a3, long a4) throws KernelException {
        Linked syscall = linked();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(syscall.capture());
            long result = (long) syscall.handle().invokeExact(state, nr, a0, a1, a2, a3, a4, 0L);
            if (result < 0) {
                throw new KernelException(name, state.get(JAVA_INT, syscall.errnoOffset()));
            }
            return result;
        } catch (KernelException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("native call " + name + " failed", t);
        }
    }

    private static Linked linked() {
        LINK.run(); // does nothing when linking has started elsewhere
        try {
            return LINK.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot link libc's syscall(): " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while linking libc's syscall()", e);
        }
    }

    private static Linked link() {
        StructLayout capture = Linker.Option.captureStateLayout();
        Linker linker = Linker.nativeLinker();
        MemorySegment address = linker.defaultLookup().find("syscall")
                .orElseThrow(() -> new UnsupportedOperationException("libc has no syscall() function"));
        MethodHandle handle = linker.downcallHandle(address,
                FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
                Linker.Option.firstVariadicArg(1), Linker.Option.captureCallState("errno"));
        return new Linked(handle, capture, capture.byteOffset(MemoryLayout.PathElement.groupElement("errno")));
    }
}
