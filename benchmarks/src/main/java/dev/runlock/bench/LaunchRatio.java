package dev.runlock.bench;

import dev.runlock.launch.SandboxPolicy;
import dev.runlock.launch.SandboxedProcessBuilder;
import java.io.IOException;
import java.util.Arrays;

/**
 * {@link LaunchBenchmark}'s two in-JVM launches interleaved, for a machine whose speed drifts:
 * each round times a batch of {@code ProcessBuilder} launches of {@code /bin/true} and a batch
 * of sandboxed ones, alternating which goes first; prints the medians and the median of the
 * per-round ratios (JMH runs its variants one after the other, so its ratios inherit the drift).
 *
 * <pre>java --enable-native-access=ALL-UNNAMED -cp benchmarks/target/benchmarks.jar dev.runlock.bench.LaunchRatio [ROUNDS] [BATCH]</pre>
 */
public final class LaunchRatio {
    private LaunchRatio() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        SandboxPolicy policy = SandboxPolicy.builder().build();
        // Warm-up: class loading, JIT, the policy's ruleset.
        for (int i = 0; i < 200; i++) {
            plain();
            sandboxed(policy);
        }
        double[] plainMs = new double[rounds];
        double[] sandboxedMs = new double[rounds];
        double[] ratios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            if (r % 2 == 0) {
                plainMs[r] = timePlain(batch);
                sandboxedMs[r] = timeSandboxed(policy, batch);
            } else {
                sandboxedMs[r] = timeSandboxed(policy, batch);
                plainMs[r] = timePlain(batch);
            }
            ratios[r] = sandboxedMs[r] / plainMs[r];
        }
        System.out.printf("rounds %d x %d launches each%n", rounds, batch);
        System.out.printf("ProcessBuilder: median %.3f ms (min %.3f)%n", median(plainMs), min(plainMs));
        System.out.printf("sandboxed:      median %.3f ms (min %.3f)%n", median(sandboxedMs), min(sandboxedMs));
        System.out.printf("ratio sandboxed / ProcessBuilder: median of rounds %.3f (quartiles %.3f-%.3f)%n",
                median(ratios), quantile(ratios, 0.25), quantile(ratios, 0.75));
    }

    private static double timePlain(int batch) throws IOException, InterruptedException {
        long start = System.nanoTime();
        for (int i = 0; i < batch; i++) {
            plain();
        }
        return (System.nanoTime() - start) / 1e6 / batch;
    }

    private static double timeSandboxed(SandboxPolicy policy, int batch) throws IOException, InterruptedException {
        long start = System.nanoTime();
        for (int i = 0; i < batch; i++) {
            sandboxed(policy);
        }
        return (System.nanoTime() - start) / 1e6 / batch;
    }

    private static void plain() throws IOException, InterruptedException {
        finish(new ProcessBuilder("/bin/true").start());
    }

    private static void sandboxed(SandboxPolicy policy) throws IOException, InterruptedException {
        finish(new SandboxedProcessBuilder(policy, "/bin/true").start().process());
    }

    private static void finish(Process process) throws IOException, InterruptedException {
        if (LaunchBenchmark.finish(process) != 0) {
            throw new IllegalStateException("/bin/true failed");
        }
    }

    private static double median(double[] values) {
        return quantile(values, 0.5);
    }

    private static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.round(q * (sorted.length - 1))];
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }
}
