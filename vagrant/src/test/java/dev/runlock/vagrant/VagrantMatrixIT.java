package dev.runlock.vagrant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runlock.kernels.Accelerator;
import dev.runlock.kernels.KernelMatrix;
import dev.runlock.kernels.KernelSpec;
import dev.runlock.kernels.Qemu;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The kernel matrix on Vagrant ({@code mvn verify -Pvagrant}): {@code vagrant/local-matrix.sh}
 * builds a local box per selected kernel matrix row, then boots, provisions and destroys each
 * machine in a private libvirt; this test picks the accelerator, judges every machine and
 * writes {@code vagrant-report.json}.
 */
class VagrantMatrixIT {

    private static final Path REPO = Path.of(System.getProperty("vagrant.repo", "..")).toAbsolutePath().normalize();
    private static final Path TARGET = Path.of(System.getProperty("vagrant.target", REPO.resolve("vagrant/target").toString()));
    private static final List<String> ROWS = Arrays.stream(System.getProperty("vagrant.rows", "trixie-6.12,bpo-7.3").split(","))
            .map(String::strip).filter(row -> !row.isEmpty()).toList();
    private static final String ACCEL = System.getProperty("vagrant.accel", "auto").strip().toLowerCase(Locale.ROOT);
    private static final Duration MACHINES = Duration.ofSeconds(Long.parseLong(System.getProperty("vagrant.timeout", "2400").strip()));
    private static final Duration BOX_BUILDS = Duration.ofMinutes(30);
    private static final Path CACHE = Path.of(System.getenv().getOrDefault("RUNLOCK_VAGRANT_CACHE",
            System.getProperty("user.home") + "/.cache/runlock/vagrant"));

    private static final List<MachineResult> RESULTS = new ArrayList<>();

    @BeforeAll
    static void runMachines() throws IOException, InterruptedException {
        assertThat(REPO.resolve("cli/target/runlock.jar")).as("runlock must be built first").isReadable();
        assertThat(System.getProperty("user.name"))
                .as("the Vagrant matrix runs as root (debootstrap, namespaces, libvirtd)").isEqualTo("root");
        List<KernelSpec> matrix = KernelMatrix.read(REPO.resolve("kernels/matrix.tsv"));
        List<KernelSpec> selected = ROWS.stream().map(row -> matrix.stream().filter(spec -> spec.name().equals(row))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("vagrant.rows: no row " + row + " in kernels/matrix.tsv")))
                .toList();
        Map<String, String> env = Map.of("RUNLOCK_VAGRANT_ROWS", String.join(",", ROWS),
                "RUNLOCK_VAGRANT_OUT", TARGET.toString(), "RUNLOCK_VAGRANT_TIMEOUT", String.valueOf(MACHINES.toSeconds()),
                "RUNLOCK_VAGRANT_CACHE", CACHE.toString());
        assertThat(script(env, BOX_BUILDS, "boxes")).as("building the boxes (see " + TARGET + "/machines/*/box.log)").isZero();
        String accel = accelerator();
        System.out.printf("[vagrant] accelerator %s%n", accel);
        Map<String, String> machinesEnv = new HashMap<>(env);
        machinesEnv.put("RUNLOCK_VAGRANT_ACCEL", accel);
        // all machines, then perhaps one retry of a machine that never reached its guest script
        script(machinesEnv, MACHINES.multipliedBy(2).plusMinutes(5), "machines");
        OptionalInt status = MachineResult.number(TARGET.resolve("status"));
        Duration elapsed = Duration.ofSeconds(MachineResult.number(TARGET.resolve("seconds")).orElse(0));
        for (KernelSpec spec : selected) {
            RESULTS.add(MachineResult.judge(spec, TARGET.resolve("machines").resolve(spec.name()).resolve("up.log"), status, elapsed));
        }
        Files.writeString(TARGET.resolve("vagrant-report.json"),
                RESULTS.stream().map(MachineResult::json).collect(Collectors.joining(",\n", "[\n", "\n]\n")));
    }

    @TestFactory
    Stream<DynamicTest> machines() {
        return RESULTS.stream().map(result -> DynamicTest.dynamicTest(result.machine() + " (ABI " + result.expectedAbi() + ")",
                () -> {
                    System.out.printf("[vagrant] %s: %s, kernel %s, ABI %s, %d s%n", result.machine(),
                            result.passed() ? "passed" : "FAILED", result.kernel().orElse("?"),
                            result.seenAbi().isPresent() ? result.seenAbi().getAsInt() : "?", result.elapsed().toSeconds());
                    assertThat(result.problems()).as(result.machine()).isEmpty();
                }));
    }

    /** kvm where the qemu matrix's probe boots the first box's kernel under it, tcg otherwise. */
    private static String accelerator() throws IOException {
        if (!ACCEL.equals("auto")) {
            return ACCEL;
        }
        Path probe = Files.createDirectories(TARGET.resolve("kvm-probe"));
        Accelerator found = Qemu.locate().probe(CACHE.resolve("boxes").resolve(ROWS.getFirst()).resolve("vmlinuz"), probe);
        return found.name().toLowerCase(Locale.ROOT);
    }

    /** Runs {@code local-matrix.sh STEP}, its progress lines on this console; its status, or -1 at the deadline. */
    private static int script(Map<String, String> env, Duration limit, String step) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(REPO.resolve("vagrant/local-matrix.sh").toString(), step)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(env);
        Process process = builder.start();
        if (process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
            return process.exitValue();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor();
        return -1;
    }
}
