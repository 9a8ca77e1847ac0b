package dev.runlock.kernels;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs the guest script on one matrix kernel: directly for the host, otherwise in qemu after
 * fetching the kernel's packages and building its initramfs.
 */
public final class KernelRunner {

    /** Where the guest sees the results directory: a tmpfs path, since the root is read-only. */
    private static final String GUEST_RESULTS = "/tmp/results";

    private final RunSettings settings;
    private final DebianArchive archive;
    private Qemu qemu;
    private Accelerator accel;

    public KernelRunner(RunSettings settings) {
        this.settings = settings;
        this.archive = new DebianArchive(settings.repo().resolve("scripts/debian-apt.sh"));
    }

    /** Runs {@code spec} as {@code plan} says; never throws for a kernel-specific failure, which lands in the outcome. */
    public KernelOutcome run(KernelSpec spec, GuestPlan plan) {
        long start = System.nanoTime();
        List<DebianPackage> packages = new ArrayList<>();
        try {
            Path work = settings.target().resolve("kernels").resolve(spec.name());
            Path results = fresh(work.resolve("results"));
            return switch (spec.source()) {
                case KernelSource.Host _ -> runOnHost(spec, plan, results, start);
                case KernelSource.Debian debian -> {
                    for (Pattern pattern : debian.packages()) {
                        packages.add(archive.newest(debian.suite(), pattern));
                    }
                    yield runInQemu(spec, plan, packages, work, results, start);
                }
            };
        } catch (KernelRunException | UncheckedIOException e) {
            return KernelOutcome.broken(spec, packages, since(start), spec.name() + " (" + spec.origin() + "): "
                    + e.getMessage() + (e.getCause() != null ? ": " + e.getCause().getMessage() : ""));
        }
    }

    private KernelOutcome runOnHost(KernelSpec spec, GuestPlan plan, Path results, long start) {
        writeGuestFiles(spec, plan, results, results);
        Path console = results.resolve("console.log");
        boolean finished = BoundedProcess.run(List.of("bash", "-c", launchCommand(results)), console,
                settings.timeout()).isPresent();
        return KernelOutcome.judge(spec, List.of(), "host", since(start), Duration.ZERO, GuestReport.parse(console),
                !finished);
    }

    private KernelOutcome runInQemu(KernelSpec spec, GuestPlan plan, List<DebianPackage> packages, Path work,
            Path results, long start) {
        Qemu machine = qemu();
        KernelImage kernel = KernelImage.unpack(packages, work.resolve("root"));
        Path initrd = work.resolve("initrd.cpio");
        Initramfs.write(kernel, initrd);
        Accelerator accelerator = accelerator(machine, kernel.vmlinuz(), work);
        writeGuestFiles(spec, plan, results, Path.of(GUEST_RESULTS));
        Path console = work.resolve("console.log");
        Share share = Share.of(kernel);
        BoundedProcess.Measured run = machine.boot(accelerator, share, kernel.vmlinuz(), initrd,
                settings.repo().toAbsolutePath(), results, console, settings.timeout());
        // qemu's own complaints come last so that they show in the console tail of a failure
        String transcript = GuestReport.read(console) + GuestReport.read(Qemu.qemuOutput(console));
        return KernelOutcome.judge(spec, packages, "qemu " + accelerator + ", " + share.guestName(), since(start),
                run.cpu(), GuestReport.parse(transcript), run.status().isEmpty());
    }

    /** Puts the guest script and its settings into the results directory the guest mounts. */
    private void writeGuestFiles(KernelSpec spec, GuestPlan plan, Path results, Path resultsSeenByGuest) {
        String env = """
                export RUNLOCK_REPO=%s
                export KERNELS_EXPECT_ABI=%d
                export KERNELS_RESULTS=%s
                export KERNELS_SUBSET=%s
                export KERNELS_CLI_TESTS=%b
                """.formatted(quote(settings.repo().toString()), spec.expectedAbi(),
                quote(resultsSeenByGuest.toString()), plan.subset(), plan.cliTests());
        try {
            Files.writeString(results.resolve("guest.env"), env);
            Files.write(results.resolve("guest.sh"), Initramfs.resource("guest.sh"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the guest files to " + results, e);
        }
    }

    /** The command the qemu init and the host run use alike: load the settings, run the script. */
    private static String launchCommand(Path results) {
        return ". " + quote(results + "/guest.env") + " && exec /bin/bash " + quote(results + "/guest.sh");
    }

    private Qemu qemu() {
        if (qemu == null) {
            qemu = Qemu.locate();
        }
        return qemu;
    }

    private Accelerator accelerator(Qemu machine, Path vmlinuz, Path work) {
        if (accel == null) {
            accel = settings.accel().orElseGet(() -> machine.probe(vmlinuz, work));
        }
        return accel;
    }

    private static Path fresh(Path dir) {
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(file);
                    }
                }
            }
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty " + dir, e);
        }
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
