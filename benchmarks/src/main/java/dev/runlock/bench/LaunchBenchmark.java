package dev.runlock.bench;

import dev.runlock.launch.SandboxPolicy;
import dev.runlock.launch.SandboxedProcessBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A child of a running JVM: {@code /bin/true} started and waited for, its three streams piped
 * and closed, by the JDK's {@link ProcessBuilder}, by runlock's library
 * ({@link SandboxedProcessBuilder}) and by the {@code runlock} command (one JVM per child).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
@State(Scope.Benchmark)
public class LaunchBenchmark {

    /** What starts {@code /bin/true}; not named {@code launch}, which smoke.sh sets for StartupBenchmark. */
    public enum Via {
        /** {@code new ProcessBuilder("/bin/true").start()}: the baseline. */
        PROCESS_BUILDER,
        /** The library with one policy for every launch: its ruleset is built once and reused. */
        SANDBOXED,
        /** The library with a new policy per launch: the ruleset and auto-import each time. */
        SANDBOXED_NEW_POLICY,
        /** {@code ./runlock -- /bin/true} through a ProcessBuilder: a JVM start per child. */
        RUNLOCK_CLI
    }

    @Param
    public Via via;

    private SandboxPolicy policy;
    private List<String> cli;
    private Path scratch;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        policy = SandboxPolicy.builder().build();
        scratch = Files.createTempDirectory("runlock-bench");
        if (via == Via.RUNLOCK_CLI) {
            Checkout checkout = Checkout.find();
            checkout.jar();
            cli = List.of(checkout.launcher().toString(), "--", "/bin/true");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        Checkout.delete(scratch);
    }

    @Benchmark
    public int launch() throws IOException, InterruptedException {
        return switch (via) {
            case PROCESS_BUILDER -> finish(new ProcessBuilder("/bin/true").start());
            case SANDBOXED -> finish(new SandboxedProcessBuilder(policy, "/bin/true").start().process());
            case SANDBOXED_NEW_POLICY -> finish(new SandboxedProcessBuilder(SandboxPolicy.builder().build(), "/bin/true")
                    .start().process());
            case RUNLOCK_CLI -> Processes.run(cli, scratch.resolve("stderr"));
        };
    }

    /** Closes the child's three streams and waits for it. */
    static int finish(Process process) throws IOException, InterruptedException {
        process.getOutputStream().close();
        process.getInputStream().close();
        process.getErrorStream().close();
        return process.waitFor();
    }
}
