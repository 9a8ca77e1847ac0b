package dev.runlock.launch;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;

/** libc's dup and close for tests: a descriptor without close-on-exec, which the JDK never opens. */
@SuppressWarnings("restricted")
final class Descriptors {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle DUP = LINKER.downcallHandle(LINKER.defaultLookup().find("dup").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle CLOSE = LINKER.downcallHandle(LINKER.defaultLookup().find("close").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    private Descriptors() {
    }

    static int dupWithoutCloseOnExec(int fd) throws Throwable {
        int copy = (int) DUP.invokeExact(fd);
        if (copy < 0) {
            throw new IllegalStateException("dup failed");
        }
        return copy;
    }

    static void close(int fd) throws Throwable {
        int ignored = (int) CLOSE.invokeExact(fd);
    }
}
