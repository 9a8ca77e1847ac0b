package dev.runlock.bench;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time, which a loaded machine inflates far less than wall time: it counts what the work
 * costs, not how long it waited for a core. In nanoseconds.
 */
enum CpuClock {
    /** The calling thread's CPU time. */
    THREAD {
        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

        @Override
        long nanos() {
            return threads.getCurrentThreadCpuTime();
        }
    },
    /** User plus system time of every child process that has exited and been reaped. */
    CHILDREN {
        @Override
        long nanos() {
            return Rusage.children();
        }
    };

    abstract long nanos();

    /** {@code getrusage(RUSAGE_CHILDREN)} through FFM: {@code /proc} only counts in clock ticks. */
    @SuppressWarnings("restricted")
    private static final class Rusage {
        private static final int RUSAGE_CHILDREN = -1;
        private static final long STRUCT_RUSAGE_SIZE = 144;
        private static final MethodHandle GETRUSAGE;

        static {
            Linker linker = Linker.nativeLinker();
            GETRUSAGE = linker.downcallHandle(linker.defaultLookup().find("getrusage").orElseThrow(),
                    FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
        }

        static long children() {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment usage = arena.allocate(STRUCT_RUSAGE_SIZE, 8);
                int result = (int) GETRUSAGE.invokeExact(RUSAGE_CHILDREN, usage);
                if (result != 0) {
                    throw new IllegalStateException("getrusage failed");
                }
                // ru_utime then ru_stime, each a struct timeval {seconds, microseconds}
                return timeval(usage, 0) + timeval(usage, 16);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException("getrusage failed", t);
            }
        }

        private static long timeval(MemorySegment usage, long offset) {
            return usage.get(JAVA_LONG, offset) * 1_000_000_000L + usage.get(JAVA_LONG, offset + 8) * 1_000L;
        }
    }
}
