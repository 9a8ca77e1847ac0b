package dev.runlock.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * A secondary result: CPU time per operation, in microseconds, counted from the start of each
 * iteration. Benchmarks call {@link #count()} once per operation. JMH sums such counters over
 * the measurement iterations, so each iteration reports its share: the result is the mean, and
 * the per-iteration lines JMH prints are that share. JMH reads the counter only from the
 * annotated class itself, hence one small class per clock.
 */
public abstract class CpuTime {
    private final CpuClock clock;
    private long start;
    private long operations;
    private int iterations;

    CpuTime(CpuClock clock) {
        this.clock = clock;
    }

    /** Counts the benchmark thread's own CPU time. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class OfThread extends CpuTime {
        public OfThread() {
            super(CpuClock.THREAD);
        }

        public double cpuMicrosPerOp() {
            return perOperation();
        }
    }

    /** Counts the CPU time of the processes the benchmark started and waited for. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class OfChildren extends CpuTime {
        public OfChildren() {
            super(CpuClock.CHILDREN);
        }

        public double cpuMicrosPerOp() {
            return perOperation();
        }
    }

    @Setup(Level.Trial)
    public void measuring(BenchmarkParams params) {
        iterations = params.getMeasurement().getCount();
    }

    @Setup(Level.Iteration)
    public void start() {
        operations = 0;
        start = clock.nanos();
    }

    void count() {
        operations++;
    }

    double perOperation() {
        return operations == 0 ? Double.NaN : (clock.nanos() - start) / 1000.0 / operations / iterations;
    }
}
