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

/**
 * The only native call runlock makes: libc's variadic {@code syscall(2)}, with errno captured.
 * One downcall shape for every system call keeps the JVM's FFM startup cost to one handle.
 * Every argument is passed as a {@code long}, which is how glibc reads them.
 */
@SuppressWarnings("restricted")
final class Syscall {

    private Syscall() {
    }

    /**
     * The downcall, linked by the first thread that touches this class: {@link #linkInBackground}
     * makes that a daemon thread, since linking costs tens of milliseconds of CPU in which the JDK
     * generates and loads classes that no AOT cache keeps. Others wait for it (class initialisation
     * is serialised); constant fields let the JIT inline the call.
     */
    private static final class Downcall {
        static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
        static final long ERRNO_OFFSET = CAPTURE.byteOffset(MemoryLayout.PathElement.groupElement("errno"));
        static final MethodHandle HANDLE;
        static final RuntimeException FAILURE;

        static {
            MethodHandle handle = null;
            RuntimeException failure = null;
            try {
                handle = link();
            } catch (RuntimeException e) {
                failure = e;
            }
            HANDLE = handle;
            FAILURE = failure;
        }

        /** Initialises this class, which links; true if that worked. */
        static boolean linked() {
            return FAILURE == null;
        }
    }

    /** Links on a daemon thread; a failure is reported by the first call. */
    static void linkInBackground() {
        Thread thread = new Thread(Downcall::linked, "runlock-link-syscall");
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
        if (!Downcall.linked()) {
            throw new IllegalStateException("cannot link libc's syscall(): " + Downcall.FAILURE.getMessage(),
                    Downcall.FAILURE);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Downcall.CAPTURE);
            long result = (long) Downcall.HANDLE.invokeExact(state, nr, a0, a1, a2, a3, a4, 0L);
            if (result < 0) {
                throw new KernelException(name, state.get(JAVA_INT, Downcall.ERRNO_OFFSET));
            }
            return result;
        } catch (KernelException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("native call " + name + " failed", t);
        }
    }

    private static MethodHandle link() {
        Linker linker = Linker.nativeLinker();
        MemorySegment address = linker.defaultLookup().find("syscall")
                .orElseThrow(() -> new UnsupportedOperationException("libc has no syscall() function"));
        return linker.downcallHandle(address,
                FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
                Linker.Option.firstVariadicArg(1), Linker.Option.captureCallState("errno"));
    }
}
