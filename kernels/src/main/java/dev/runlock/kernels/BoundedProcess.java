package dev.runlock.kernels;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/** Runs a long process with its output in a file, killing it (and its children) at a deadline. */
final class BoundedProcess {

    private static final Duration SAMPLE = Duration.ofMillis(500);

    private BoundedProcess() {}

    /**
     * What a measured process cost.
     *
     * @param status its exit status, empty if it was killed at the deadline
     * @param cpu    user and system time of all its threads, as last seen before it exited
     */
    record Measured(OptionalInt status, Duration cpu) {
    }

    /** Runs {@code argv} with stdout and stderr together in {@code output}. */
    static OptionalInt run(List<String> argv, Path output, Duration timeout) {
        return run(new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(output.toFile()), timeout);
    }

    /**
     * {@link #run(List, Path, Duration)}, also sampling the process's CPU time every
     * {@code SAMPLE}: on a shared machine CPU time, unlike wall time, says what a run costs.
     */
    static Measured measure(List<String> argv, Path output, Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(output.toFile());
        try {
            Process process = builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            long deadline = System.nanoTime() + timeout.toNanos();
            Duration cpu = Duration.ZERO;
            while (!process.waitFor(SAMPLE.toMillis(), TimeUnit.MILLISECONDS)) {
                cpu = process.info().totalCpuDuration().orElse(cpu);
                if (System.nanoTime() > deadline) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor();
                    return new Measured(OptionalInt.empty(), cpu);
                }
            }
            return new Measured(OptionalInt.of(process.exitValue()), cpu);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + argv.getFirst(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KernelRunException("interrupted while " + argv.getFirst() + " was running");
        }
    }

    /**
     * Starts {@code builder} with stdin from /dev/null and waits.
     *
     * @return its exit status, empty if it was killed at the deadline
     */
    static OptionalInt run(ProcessBuilder builder, Duration timeout) {
        List<String> argv = builder.command();
        try {
            Process process = builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return OptionalInt.of(process.exitValue());
            }
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
            return OptionalInt.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + argv.getFirst(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KernelRunException("interrupted while " + argv.getFirst() + " was running");
        }
    }
}
