package dev.runlock.bench;

import dev.runlock.bench.floor.FfmFloor;
import dev.runlock.bench.floor.Hello;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * End to end: one new process per operation, wall time until it exits (and, as a secondary
 * result, its CPU time), for runlock and what it is compared with. All variants are parameters
 * of one benchmark so they run in one JMH run.
 */
public class StartupBenchmark extends PerProcess {

    /** What runs {@code /bin/true}. */
    public enum Launch {
        /** {@code /bin/true} alone: the cost of starting any process. */
        BARE,
        /** A hello-world jar through a copy of {@code ./runlock}: same script, same JVM flags. */
        JVM_FLOOR,
        /**
         * One getpid through runlock's downcall shape, run like the JVM floor but with an AOT cache
         * trained on itself, as runlock has: the least an FFM tool costs.
         */
        FFM_FLOOR,
        /** {@code ./runlock -- /bin/true}, with the AOT cache when it is built. */
        RUNLOCK,
        /** The same without the AOT cache: what the cache saves. */
        RUNLOCK_NO_AOT,
        /** The distribution's {@code bin/runlock} (built by {@code -Pdist}): its own jlink'd runtime and AOT cache. */
        RUNLOCK_DIST,
        /** {@code ./runlock --preset dev,tmp,tls,dns -- /bin/true}: presets read from the jar and resolved here. */
        RUNLOCK_PRESETS,
        /** The same rules as flags, as {@code runlock presets} lists them here: what presets cost over flags. */
        RUNLOCK_PRESET_FLAGS,
        /** {@code landrun --best-effort --add-exec --ldd -- /bin/true}: the Go original. */
        LANDRUN
    }

    /** The presets the two preset variants grant: static paths, a placeholder ({TMPDIR}) and the NSS resolver. */
    static final List<String> PRESETS = List.of("dev", "tmp", "tls", "dns");

    @Param
    public Launch launch;

    @Override
    List<String> command(Path scratch) {
        Checkout checkout = Checkout.find();
        return switch (launch) {
            case BARE -> List.of("/bin/true");
            case JVM_FLOOR -> {
                Path jar = Checkout.mainJar(Hello.class, scratch.resolve("hello.jar"));
                yield List.of(checkout.launcherFor(jar, scratch.resolve("floor")).toString());
            }
            case FFM_FLOOR -> {
                Path jar = Checkout.mainJar(FfmFloor.class, scratch.resolve("ffm.jar"));
                Path launcher = checkout.launcherFor(jar, scratch.resolve("ffm"));
                Checkout.trainAotCache(launcher, scratch.resolve("training-stderr"));
                yield List.of(launcher.toString());
            }
            case RUNLOCK -> {
                if (!checkout.hasAotCache()) {
                    System.err.println("note: " + Checkout.AOT_CACHE + " is not built: RUNLOCK runs without it");
                }
                checkout.jar();
                yield List.of(checkout.launcher().toString(), "--", "/bin/true");
            }
            case RUNLOCK_NO_AOT -> List.of(checkout.launcherFor(checkout.jar(),
                    scratch.resolve("no-aot")).toString(), "--", "/bin/true");
            case RUNLOCK_DIST -> List.of(checkout.distLauncher().toString(), "--", "/bin/true");
            case RUNLOCK_PRESETS -> List.of(checkout.launcher().toString(), "--preset", String.join(",", PRESETS),
                    "--", "/bin/true");
            case RUNLOCK_PRESET_FLAGS -> {
                List<String> command = new ArrayList<>(List.of(checkout.launcher().toString()));
                command.addAll(presetFlags(checkout.launcher()));
                command.addAll(List.of("--", "/bin/true"));
                yield command;
            }
            case LANDRUN -> List.of(Landrun.find(checkout).toString(), "--best-effort", "--add-exec", "--ldd", "--",
                    "/bin/true");
        };
    }

    /** {@link #PRESETS} as flags: the granted lines of {@code runlock presets}, notes and skipped entries left out. */
    static List<String> presetFlags(Path runlock) {
        List<String> flags = new ArrayList<>();
        String preset = "";
        for (String line : Processes.output(List.of(runlock.toString(), "presets")).lines().toList()) {
            if (!line.startsWith(" ")) {
                preset = line;
            } else if (PRESETS.contains(preset) && line.startsWith("  --") && !line.contains("(skipped")) {
                String[] option = line.strip().split("  ")[0].split(" ", 2);
                flags.add(option[0] + "=" + option[1]);
            }
        }
        return flags;
    }

    @Benchmark
    public int run(CpuTime.OfChildren cpu) {
        return runOnce(cpu);
    }
}
