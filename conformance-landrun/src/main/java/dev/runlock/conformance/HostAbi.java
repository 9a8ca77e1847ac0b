package dev.runlock.conformance;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/** The kernel's Landlock ABI as this JVM sees it, independent of any implementation. */
public final class HostAbi {
    private static final long SYS_LANDLOCK_CREATE_RULESET = 444;
    private static final int LANDLOCK_CREATE_RULESET_VERSION = 1;

    private HostAbi() {
    }

    /** landlock_create_ruleset(NULL, 0, VERSION): the ABI, or 0 when Landlock is unusable. */
    @SuppressWarnings("restricted")
    public static int probe() {
        Linker linker = Linker.nativeLinker();
        MethodHandle syscall = linker.downcallHandle(
                linker.defaultLookup().find("syscall").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS,
                        ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT),
                Linker.Option.firstVariadicArg(1));
        try {
            long abi = (long) syscall.invokeExact(SYS_LANDLOCK_CREATE_RULESET, MemorySegment.NULL, 0L,
                    LANDLOCK_CREATE_RULESET_VERSION);
            return (int) Math.max(abi, 0);
        } catch (Throwable e) {
            throw new IllegalStateException("landlock_create_ruleset failed", e);
        }
    }
}
