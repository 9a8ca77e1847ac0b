package dev.runlock.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmarks that start one new process per operation, the command a subclass gives: milliseconds,
 * longer iterations, a scratch directory for the trial.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
@State(Scope.Benchmark)
public abstract class PerProcess {
    private List<String> command;
    private Path scratch;

    /** The command each operation runs; {@code scratch} is this trial's own directory. */
    abstract List<String> command(Path scratch) throws IOException;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        scratch = Files.createTempDirectory("runlock-bench");
        command = List.copyOf(command(scratch));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        Checkout.delete(scratch);
    }

    /** One operation: runs the command to completion. */
    int runOnce(CpuTime cpu) {
        cpu.count();
        return Processes.run(command, scratch.resolve("stderr"));
    }
}
