package dev.runlock.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.runlock.landlock.Abi;
import dev.runlock.landlock.Erratum;
import dev.runlock.landlock.KernelSupport;
import dev.runlock.landlock.kernel.LinuxKernel;
import dev.runlock.testkit.HostAbi;
import dev.runlock.testkit.MachineCapability;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Starts {@link SandboxedCommand} in a fresh JVM, with this JVM's JDK and the flags the
 * {@code runlock} launcher uses, and collects what the sandboxed command printed.
 */
final class SandboxProcess {
    static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final long TIMEOUT_SECONDS = 60;
    private static final String OPS_SCRIPT = resource("ops.py");

    private SandboxProcess() {
    }

    /** What the real kernel offers; skips the calling test class if Landlock cannot be used here. */
    static KernelSupport requireLandlock() {
        HostAbi.assumeAtLeast(1, "no real-kernel enforcement test runs");
        MachineCapability.PYTHON3.assume("the real-kernel tests run their probes with it");
        return new LinuxKernel().probe();
    }

    /** Skips a test whose right the host kernel lacks, naming both ABIs. */
    static void requireAbi(KernelSupport kernel, Abi needed, String what) {
        HostAbi.assumeAtLeast(needed.number(), what + " is not tested end to end here");
    }

    /** Skips a test of runlock's MPTCP guard where runlock adds none. */
    static void requireMptcpGuard(KernelSupport kernel) {
        requireAbi(kernel, Abi.V4, "the MPTCP guard");
        assumeTrue(kernel.has(Erratum.TCP_SOCKET_IDENTIFICATION), () -> MachineCapability.skipMessage(
                "Landlock erratum 1", "not on this kernel", "TCP socket identification",
                "the kernel's TCP rights cover MPTCP, so runlock adds no guard to prove"));
    }

    /** The java command line that runs {@link SandboxedCommand} with {@code settings}, then execs {@code command}. */
    static List<String> java(List<String> settings, List<String> command) {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> argv = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-XX:-UsePerfData",
                "-XX:-MaxFDLimit", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xlog:disable",
                "-cp", ownClasses(), SandboxedCommand.class.getName()));
        argv.addAll(settings);
        argv.add("--");
        argv.addAll(command);
        return argv;
    }

    /** Runs {@code ops.py} with operations made by {@link #op}. */
    static List<String> python(List<String> ops) {
        List<String> argv = new ArrayList<>(List.of(PYTHON.toString(), "-I", "-c", OPS_SCRIPT));
        argv.addAll(ops);
        return argv;
    }

    /** One operation for {@code ops.py}: its result is printed as {@code label=OK} or {@code label=ERRNO}. */
    static String op(String label, String kind, Object... operands) {
        return label + "|" + kind + Arrays.stream(operands).map(o -> "|" + o).collect(Collectors.joining());
    }

    /**
     * Compiles the C probe {@code source} (a test resource next to this class) into {@code dir}
     * with gcc and {@code flags}; skips the calling test if it does not build here, or if it is an
     * i386 program ({@code -m32}) and the kernel does not execute those.
     */
    static Path compile(String source, Path dir, String... flags) throws IOException {
        MachineCapability.GCC.assume("the C probe " + source + " cannot be built");
        if (List.of(flags).contains("-m32")) {
            MachineCapability.I386_EXECUTION.assume("the i386 probe " + source + " cannot run, and no 32-bit program"
                    + " can make this attack here; the BPF-interpreter tests (SeccompFilterTest) prove the i386 rules");
            MachineCapability.GCC_M32.assume("the i386 probe " + source + " cannot be built (gcc-multilib)");
        }
        Path file = Files.writeString(dir.resolve(source), resource(source));
        Path probe = dir.resolve(source.substring(0, source.lastIndexOf('.')) + String.join("", flags).replace('-', '_'));
        List<String> argv = new ArrayList<>(List.of("/usr/bin/gcc"));
        argv.addAll(List.of(flags));
        argv.addAll(List.of("-o", probe.toString(), file.toString()));
        Result built = run(argv, dir);
        assumeTrue(built.exit() == 0, () -> MachineCapability.skipMessage("gcc " + String.join(" ", flags),
                "cannot build here", built.stderr().lines().findFirst().orElse(""), "the C probe " + source + " cannot run"));
        return probe;
    }

    /** A loopback TCP port that was free a moment ago. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Runs a command line to its end, failing the test if it takes longer than a minute. */
    static Result run(List<String> argv, Path cwd) {
        try {
            Process process = new ProcessBuilder(argv).directory(cwd.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> text(process.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> text(process.getErrorStream()));
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("timed out after " + TIMEOUT_SECONDS + " s: " + argv);
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Runs {@link SandboxedCommand} and checks it planned and execed. */
    static Result sandboxed(List<String> settings, List<String> command, Path cwd) {
        Result result = run(java(settings, command), cwd);
        assertThat(result.stdout()).as("stderr: %s", result.stderr()).contains("enforcement=");
        return result;
    }

    /** Exit status and output of a finished process. */
    record Result(int exit, String stdout, String stderr) {
        /** The {@code key=value} lines of stdout; a later key wins. */
        Map<String, String> values() {
            Map<String, String> values = new LinkedHashMap<>();
            for (String line : stdout.split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    values.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            return values;
        }

        /** The lines of stdout between a line {@code begin} and a line {@code end}. */
        List<String> block(String begin, String end) {
            List<String> lines = List.of(stdout.split("\n"));
            int from = lines.indexOf(begin);
            int to = lines.indexOf(end);
            assertThat(from).as("%s in %s", begin, stdout).isNotNegative();
            assertThat(to).as("%s in %s", end, stdout).isGreaterThan(from);
            return lines.subList(from + 1, to);
        }
    }

    /** The directories of this JVM's classpath: the classes under test and the test classes. */
    private static String ownClasses() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> Files.isDirectory(Path.of(entry)))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static String text(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = SandboxProcess.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
