package dev.runlock.testkit;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import org.junit.jupiter.api.Assumptions;

/**
 * The kernel's Landlock ABI as the tests see it: the one oracle every layer compares runlock
 * with. It shares no code with runlock's own probe, so a wrong probe cannot move the
 * expectations along with the behaviour.
 */
public final class HostAbi {
    /** The variable a run sets to declare the ABI it tests; {@code 0} declares a kernel without Landlock. */
    public static final String DECLARED = "RUNLOCK_TEST_ABI";

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

    /**
     * The kernel's ABI, after failing (never skipping) when {@value #DECLARED} is set to another
     * one: a kernel matrix run cannot then pass by skipping what its kernel lacks.
     */
    public static int checked() {
        int actual = probe();
        String declared = System.getenv(DECLARED);
        if (declared == null || declared.isBlank()) {
            return actual;
        }
        int expected;
        try {
            expected = Integer.parseInt(declared.strip());
        } catch (NumberFormatException e) {
            throw new AssertionError(DECLARED + "='" + declared + "' is not an ABI number (0 for no Landlock)");
        }
        if (expected != actual) {
            throw new AssertionError(DECLARED + "=" + expected + " declares the kernel under test, but this kernel has "
                    + (actual == 0 ? "no usable Landlock (ABI 0)" : "Landlock ABI " + actual));
        }
        return actual;
    }

    /**
     * Skips the calling test unless this kernel has Landlock {@code abi} or newer ({@link #checked()}:
     * fails instead when {@value #DECLARED} names another kernel); {@code unproven} says what then
     * goes unproven here.
     */
    public static void assumeAtLeast(int abi, String unproven) {
        int host = checked();
        Assumptions.assumeTrue(host >= abi, () -> MachineCapability.skipMessage("Landlock ABI " + abi,
                "not available on this kernel", host == 0 ? "no usable Landlock" : "it has ABI " + host, unproven));
    }
}
