package dev.runlock.kernels;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Boots kernels with {@code qemu-system-x86_64}, the serial console going to a file. */
public final class Qemu {

    private static final String BINARY = "qemu-system-x86_64";
    private static final Duration KVM_PROBE_TIMEOUT = Duration.ofSeconds(10);
    private static final String MEMORY = "2048M";

    private final Path binary;

    private Qemu(Path binary) {
        this.binary = binary;
    }

    /** Finds qemu on the PATH; fails saying how to install it. */
    public static Qemu locate() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path candidate = Path.of(dir, BINARY);
            if (Files.isExecutable(candidate)) {
                return new Qemu(candidate);
            }
        }
        throw new KernelRunException(BINARY + " not found on PATH: install it with apt-get install qemu-system-x86");
    }

    /**
     * KVM if booting {@code vmlinuz} under it reaches the kernel's "no root" panic quickly,
     * TCG otherwise: on some hosts {@code /dev/kvm} exists but guests hang or abort.
     */
    public Accelerator probe(Path vmlinuz, Path workDir) {
        if (!Files.isWritable(Path.of("/dev/kvm"))) {
            return Accelerator.TCG;
        }
        Path console = workDir.resolve("kvm-probe.log");
        boolean exited = boot(Accelerator.KVM, vmlinuz, "", List.of(), console, KVM_PROBE_TIMEOUT).status().isPresent();
        return exited && GuestReport.read(console).contains("Kernel panic") ? Accelerator.KVM : Accelerator.TCG;
    }

    /**
     * Boots {@code vmlinuz} with {@code initrd}, the host root shared read-only as {@code host},
     * the runlock checkout {@code repo} read-only as {@code repo} (the guest mounts it at the same
     * path: a checkout under /tmp would otherwise be hidden by the guest's own /tmp) and
     * {@code results} shared writable as {@code results}, all over {@code share}.
     *
     * @return whether the guest powered off within {@code timeout}, and qemu's CPU time
     */
    public BoundedProcess.Measured boot(Accelerator accel, Share share, Path vmlinuz, Path initrd, Path repo, Path results,
                        Path console, Duration timeout) {
        String append = " runlock.repo=" + repo + " runlock.share=" + share.guestName();
        List<String> extra = new ArrayList<>(List.of("-initrd", initrd.toString()));
        if (share == Share.NINE_P) {
            extra.addAll(List.of(
                    "-virtfs", "local,path=/,mount_tag=host,security_model=none,readonly=on,multidevs=remap",
                    "-virtfs", "local,path=" + repo + ",mount_tag=repo,security_model=none,readonly=on,multidevs=remap",
                    "-virtfs", "local,path=" + results + ",mount_tag=results,security_model=none"));
            return boot(accel, vmlinuz, append, extra, console, timeout);
        }
        // vhost-user needs the guest's memory shared with the daemons
        extra.addAll(List.of("-object", "memory-backend-memfd,id=mem,size=" + MEMORY + ",share=on",
                "-numa", "node,memdev=mem"));
        try (VirtioFs daemons = new VirtioFs(console.resolveSibling("virtiofs"))) {
            // cache=always keeps one inode per file, which Landlock rules attach to (as 9p's cache=loose)
            extra.addAll(daemons.serve("host", Path.of("/"), "always"));
            extra.addAll(daemons.serve("repo", repo, "always"));
            extra.addAll(daemons.serve("results", results, "auto"));
            return boot(accel, vmlinuz, append, extra, console, timeout);
        }
    }

    private BoundedProcess.Measured boot(Accelerator accel, Path vmlinuz, String append, List<String> extra, Path console,
                         Duration timeout) {
        List<String> argv = new ArrayList<>(List.of(binary.toString()));
        argv.addAll(accel.qemuOptions());
        argv.addAll(List.of("-m", MEMORY, "-smp", "2", "-display", "none", "-monitor", "none", "-no-reboot",
                "-nic", "none", "-serial", "file:" + console, "-kernel", vmlinuz.toString(),
                // no_timer_check: a busy host delays the emulated timer and 5.10 then panics ("IO-APIC + timer doesn't work")
                "-append", "console=ttyS0 quiet panic=-1 no_timer_check" + append));
        argv.addAll(extra);
        return BoundedProcess.measure(argv, qemuOutput(console), timeout);
    }

    /** Where qemu's own messages (e.g. a rejected option) go for a guest whose console is {@code console}. */
    static Path qemuOutput(Path console) {
        return console.resolveSibling(console.getFileName() + ".qemu");
    }
}
