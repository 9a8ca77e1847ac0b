package dev.runlock.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.runlock.landlock.Abi;
import dev.runlock.landlock.CompatLevel;
import dev.runlock.landlock.Enforcement;
import dev.runlock.landlock.Errno;
import dev.runlock.landlock.RulesetPlan;
import dev.runlock.testkit.FakeKernel;
import dev.runlock.testkit.HostAbi;
import dev.runlock.testkit.MachineCapability;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sandboxed children of this very JVM on the real kernel: the JVM is never restricted, so these
 * tests share Surefire's JVM; each denial is checked beside a control that grants it (we are
 * root: only Landlock can deny).
 */
class SandboxedProcessBuilderTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void requireLandlock() {
        assumeTrue(HostAbi.checked() >= 1, "sandboxed launches need Landlock (ABI 0 here)");
    }

    /** The child's exit status, standard output and error. */
    record Run(int status, String out, String err) {
    }

    static Run run(SandboxedProcessBuilder builder) throws IOException, InterruptedException {
        Process process = builder.start().process();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), out, err);
    }

    private Path secret() throws IOException {
        return Files.writeString(tmp.resolve("secret"), "s3cret\n");
    }

    @Test
    void childCannotReadWhatTheJvmReadsUnlessGranted() throws Exception {
        Path secret = secret();

        Run denied = run(new SandboxedProcessBuilder(SandboxPolicy.builder().build(), "cat", secret.toString()));
        Run granted = run(new SandboxedProcessBuilder(SandboxPolicy.builder().readOnly(secret).build(),
                "cat", secret.toString()));

        assertThat(denied.status()).isEqualTo(1);
        assertThat(denied.err()).contains("Permission denied");
        assertThat(granted).isEqualTo(new Run(0, "s3cret\n", ""));
        assertThat(Files.readString(secret)).isEqualTo("s3cret\n");
    }

    @Test
    void rootsCapabilitiesAreDroppedForTheChildUnlessKept() throws Exception {
        MachineCapability.ROOT.assume("only root's children have capabilities to drop");
        SandboxPolicy.Builder proc = SandboxPolicy.builder().readOnly(Path.of("/proc"));

        Run dropped = run(new SandboxedProcessBuilder(proc.build(), "grep", "^Cap", "/proc/self/status"));
        Run kept = run(new SandboxedProcessBuilder(proc.keepCapabilities().build(), "grep", "^Cap", "/proc/self/status"));

        assertThat(dropped.out()).as(dropped.err()).contains("CapInh:\t0000000000000000", "CapPrm:\t0000000000000000",
                "CapEff:\t0000000000000000", "CapBnd:\t0000000000000000", "CapAmb:\t0000000000000000");
        assertThat(kept.out()).as("control").contains("CapEff:\t").doesNotContain("CapEff:\t0000000000000000");
        assertThat(Files.readAllLines(Path.of("/proc/thread-self/status"))).as("the JVM keeps its own")
                .contains(kept.out().lines().filter(line -> line.startsWith("CapEff:")).findFirst().orElseThrow());
    }

    @Test
    void theJvmReadsOnAfterManyLaunches() throws Exception {
        Path secret = secret();
        SandboxPolicy nothing = SandboxPolicy.builder().build();

        for (int i = 0; i < 40; i++) {
            assertThat(run(new SandboxedProcessBuilder(nothing, "cat", secret.toString())).status()).isEqualTo(1);
        }

        assertThat(Files.readString(secret)).isEqualTo("s3cret\n");
        assertThat(Files.readAllLines(Path.of("/proc/thread-self/status")))
                .contains("NoNewPrivs:\t0").anyMatch(line -> line.matches("Seccomp:\\s+0"));
        // A plain JDK child of this JVM is not sandboxed either.
        Process plain = new ProcessBuilder("cat", secret.toString()).start();
        assertThat(plain.getInputStream().readAllBytes()).asString().isEqualTo("s3cret\n");
        assertThat(plain.waitFor()).isZero();
    }

    @Test
    void concurrentLaunchesWithDifferentPoliciesKeepThemApart() throws Exception {
        int n = 100;
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            files.add(Files.writeString(tmp.resolve("f" + i), "file " + i + "\n"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Run>> runs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Path own = files.get(i);
                Path other = files.get((i + 1) % n);
                runs.add(pool.submit(() -> run(new SandboxedProcessBuilder(SandboxPolicy.builder().readOnly(own).build(),
                        "cat", own.toString(), other.toString()))));
            }
            for (int i = 0; i < n; i++) {
                Run r = runs.get(i).get(60, TimeUnit.SECONDS);
                assertThat(r.out()).as("child %d", i).isEqualTo("file " + i + "\n");
                assertThat(r.err()).as("child %d", i).contains(files.get((i + 1) % n) + ": Permission denied");
                assertThat(r.status()).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void noDescriptorOfTheJvmReachesTheChild() throws Throwable {
        // A descriptor without close-on-exec, which a plain fork/exec would pass on.
        int inheritable = Descriptors.dupWithoutCloseOnExec(0);
        try {
            assertThat(Files.readSymbolicLink(Path.of("/proc/self/fd/" + inheritable))).isNotNull();
            SandboxPolicy proc = SandboxPolicy.builder().readOnly(Path.of("/proc")).build();

            Run run = run(new SandboxedProcessBuilder(proc, "ls", "/proc/self/fd"));

            // ls's own directory descriptor is 3.
            assertThat(run.out().lines()).containsExactly("0", "1", "2", "3");
            assertThat(run.status()).isZero();
        } finally {
            Descriptors.close(inheritable);
        }
    }

    @Test
    void environmentIsExactlyWhatWasGiven() throws Exception {
        SandboxPolicy policy = SandboxPolicy.builder().build();
        SandboxedProcessBuilder empty = new SandboxedProcessBuilder(policy, "env");
        SandboxedProcessBuilder given = new SandboxedProcessBuilder(policy, "env");
        given.environment().put("ONLY", "this");

        assertThat(run(empty)).isEqualTo(new Run(0, "", ""));
        assertThat(run(given)).isEqualTo(new Run(0, "ONLY=this\n", ""));
        assertThat(System.getenv()).isNotEmpty();
    }

    @Test
    void exitStatusesAndSignalsAreAsProcessBuilderGivesThem() throws Exception {
        SandboxPolicy policy = SandboxPolicy.builder().build();

        assertThat(run(new SandboxedProcessBuilder(policy, "sh", "-c", "exit 7")).status()).isEqualTo(7);
        assertThat(run(new SandboxedProcessBuilder(policy, "sh", "-c", "kill -TERM $$")).status()).isEqualTo(128 + 15);

        Process sleeping = new SandboxedProcessBuilder(policy, "sleep", "60").start().process();
        assertThat(sleeping.isAlive()).isTrue();
        assertThat(sleeping.waitFor(10, TimeUnit.MILLISECONDS)).isFalse();
        assertThatThrownBy(sleeping::exitValue).isInstanceOf(IllegalThreadStateException.class);
        sleeping.destroy();
        assertThat(sleeping.onExit().get(30, TimeUnit.SECONDS)).isSameAs(sleeping);
        assertThat(sleeping.exitValue()).isEqualTo(128 + 15);
        assertThat(sleeping.isAlive()).isFalse();
        sleeping.destroy(); // reaped: signals nothing

        Process killed = new SandboxedProcessBuilder(policy, "sleep", "60").start().process();
        assertThat(killed.destroyForcibly().waitFor()).isEqualTo(128 + 9);
    }

    /** glibc's posix_spawn leaves its internal signals 32 and 33 ignored; every glibc program handles them anew. */
    @Test
    void signalsTheJvmBlocksOrHandlesAreDefaultInTheChild() throws Exception {
        Run run = run(new SandboxedProcessBuilder(SandboxPolicy.builder().readOnly(Path.of("/proc")).build(),
                "grep", "-E", "^Sig(Blk|Ign)", "/proc/self/status"));

        assertThat(run.out()).startsWith("SigBlk:\t0000000000000000\nSigIgn:\t");
        long ignored = Long.parseLong(run.out().lines().toList().getLast().substring("SigIgn:\t".length()), 16);
        assertThat(ignored & 0x7FFF_FFFFL).as("signals 1-31 ignored").isZero();
    }

    @Test
    void streamsAndRedirects() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("out"));
        SandboxPolicy policy = SandboxPolicy.builder().build();

        Process cat = new SandboxedProcessBuilder(policy, "cat").start().process();
        cat.getOutputStream().write("piped\n".getBytes(StandardCharsets.UTF_8));
        cat.getOutputStream().close();
        assertThat(cat.getInputStream().readAllBytes()).asString().isEqualTo("piped\n");
        assertThat(cat.waitFor()).isZero();

        Run merged = run(new SandboxedProcessBuilder(policy, "sh", "-c", "echo out; echo err >&2").redirectErrorStream(true));
        assertThat(merged).isEqualTo(new Run(0, "out\nerr\n", ""));

        Path file = dir.resolve("file");
        Run toFile = run(new SandboxedProcessBuilder(policy, "echo", "hi").redirectOutput(Redirect.to(file.toFile())));
        assertThat(toFile).isEqualTo(new Run(0, "", ""));
        assertThat(Files.readString(file)).isEqualTo("hi\n");
        run(new SandboxedProcessBuilder(policy, "echo", "again").redirectOutput(Redirect.appendTo(file.toFile())));
        assertThat(Files.readString(file)).isEqualTo("hi\nagain\n");

        Run fromFile = run(new SandboxedProcessBuilder(policy, "cat").redirectInput(Redirect.from(file.toFile())));
        assertThat(fromFile).isEqualTo(new Run(0, "hi\nagain\n", ""));
    }

    @Test
    void redirectsInTheWrongDirectionAreRefusedWhenSet() {
        SandboxedProcessBuilder builder = new SandboxedProcessBuilder(SandboxPolicy.builder().build(), "true");
        java.io.File file = tmp.resolve("f").toFile();

        assertThatThrownBy(() -> builder.redirectInput(Redirect.to(file))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.redirectOutput(Redirect.from(file))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.redirectError(Redirect.from(file))).isInstanceOf(IllegalArgumentException.class);
        assertThat(builder.redirectInput(Redirect.from(file)).redirectOutput(Redirect.appendTo(file))).isSameAs(builder);
    }

    @Test
    void workingDirectoryIsTheOneGiven() throws Exception {
        Run run = run(new SandboxedProcessBuilder(SandboxPolicy.builder().build(), "pwd").directory(tmp));

        assertThat(run).isEqualTo(new Run(0, tmp.toRealPath() + "\n", ""));
    }

    @Test
    void reportSaysWhatIsEnforced() throws Exception {
        SandboxedProcess started = new SandboxedProcessBuilder(SandboxPolicy.builder().build(), "true").start();
        RulesetPlan report = started.report();

        assertThat(started.process().waitFor()).isZero();
        assertThat(report.enforcement()).isNotEqualTo(Enforcement.NOT_ENFORCED);
        assertThat(report.abi().number()).isEqualTo(Math.min(HostAbi.checked(), Abi.newest().number()));
    }

    @Test
    void hardRequirementWithoutLandlockStartsNothing() throws Exception {
        Path marker = tmp.resolve("marker");
        SandboxPolicy.Builder policy = SandboxPolicy.builder().readWrite(tmp).kernel(FakeKernel.of(Abi.NONE));

        assertThatThrownBy(() -> new SandboxedProcessBuilder(policy.compat(CompatLevel.HARD_REQUIREMENT).build(),
                "touch", marker.toString()).start())
                .isInstanceOf(UnsupportedKernelException.class)
                .hasMessageContaining("cannot enforce");
        assertThat(marker).doesNotExist();

        // Control: best effort on the same kernel runs it, unsandboxed, and says so.
        SandboxedProcess started = new SandboxedProcessBuilder(policy.compat(CompatLevel.BEST_EFFORT).build(),
                "touch", marker.toString()).start();
        assertThat(started.process().waitFor()).isZero();
        assertThat(started.report().enforcement()).isEqualTo(Enforcement.NOT_ENFORCED);
        assertThat(started.report().cause()).isEqualTo(RulesetPlan.Cause.NO_LANDLOCK);
        assertThat(marker).exists();
    }

    @Test
    void aRestrictionThatFailsStartsNothing() throws Exception {
        Path marker = tmp.resolve("marker");
        FakeKernel kernel = FakeKernel.of(Abi.V6).failing("restrictSelf", Errno.EPERM);
        SandboxPolicy policy = SandboxPolicy.builder().readWrite(tmp).kernel(kernel).build();

        assertThatThrownBy(() -> new SandboxedProcessBuilder(policy, "touch", marker.toString()).start())
                .isInstanceOf(RestrictionException.class)
                .hasMessageContaining("failed: EPERM");
        assertThat(marker).doesNotExist();
        assertThat(kernel.calls()).contains("setNoNewPrivs", "installSeccompFilter tcp=true unix=true");
    }

    @Test
    void typedErrorsForAMissingGrantAndAMissingCommand() {
        SandboxPolicy missing = SandboxPolicy.builder().readOnly(tmp.resolve("absent")).build();

        assertThatThrownBy(() -> new SandboxedProcessBuilder(missing, "true").start())
                .isInstanceOf(InvalidPolicyException.class).hasMessageContaining("absent");
        assertThatThrownBy(() -> new SandboxedProcessBuilder(SandboxPolicy.builder().build(), "no-such-command-here").start())
                .isInstanceOf(SpawnException.class).hasMessageContaining("no-such-command-here");
    }

    @Test
    void aCommandThePolicyDoesNotLetRunFailsToSpawn() throws Exception {
        Path script = Files.writeString(tmp.resolve("tool"), "#!/bin/sh\necho ran\n");
        script.toFile().setExecutable(true);
        SandboxPolicy noImport = SandboxPolicy.builder().autoImport(dev.runlock.sandbox.Imports.NONE).build();

        assertThatThrownBy(() -> new SandboxedProcessBuilder(noImport, script.toString()).start())
                .isInstanceOf(SpawnException.class).hasMessageContaining("EACCES");
        assertThat(run(new SandboxedProcessBuilder(SandboxPolicy.builder().build(), script.toString())))
                .isEqualTo(new Run(0, "ran\n", ""));
    }
}
