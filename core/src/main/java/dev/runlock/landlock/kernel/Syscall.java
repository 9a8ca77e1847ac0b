package dev.runlock.landlock.kernel;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The only native call runlock makes: libc's variadic {@code syscall(2)}, with errno captured.
 * One downcall shape for every system call keeps the JVM's FFM startup cost to one handle.
 * Every argument is passed as a {@code long}, which is how glibc reads them.
 */
@SuppressWarnings("restricted")
final class Syscall {
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle SYSCALL;

    static {
        Linker linker = Linker.nativeLinker();
        MemorySegment address = linker.defaultLookup().find("syscall")
                .orElseThrow(() -> new UnsupportedOperationException("libc has no syscall() function"));
        SYSCALL = linker.downcallHandle(address,
                FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
                Linker.Option.firstVariadicArg(1), Linker.Option.captureCallState("errno"));
    }

    private Syscall() {
    }

    /**
     * Calls system call {@code nr}; {@code name} only labels the error.
     *
     * @return the non-negative result
     * @throws KernelException with the errno when the call returns -1
     */
    static long call(String name, long nr, long a0, long a1, long a2, long a3, long a4) throws KernelException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            long result = (long) SYSCALL.invokeExact(state, nr, a0, a1, a2, a3, a4, 0L);
            if (result < 0) {
                throw new KernelException(name, (int) ERRNO.get(state, 0L));
            }
            return result;
        } catch (KernelException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("native call " + name + " failed", t);
        }
    }
}
