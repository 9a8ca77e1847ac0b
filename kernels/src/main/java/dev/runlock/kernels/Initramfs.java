package dev.runlock.kernels;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Builds the initramfs of one kernel: static busybox, the kernel's virtio and 9p modules
 * (decompressed, since busybox's insmod cannot read .xz/.zst) and the {@code init} script.
 */
public final class Initramfs {

    /** Load order from the verified recipe; modules a kernel lacks are built in. */
    static final List<String> MODULES = List.of("virtio", "virtio_ring", "virtio_pci_legacy_dev",
            "virtio_pci_modern_dev", "virtio_pci", "netfs", "fscache", "9pnet", "9pnet_virtio", "9p");

    private static final Path BUSYBOX = Path.of("/bin/busybox");
    private static final Duration DECOMPRESS_TIMEOUT = Duration.ofMinutes(1);

    private Initramfs() {}

    /** Writes the initramfs for {@code kernel} to {@code target}. */
    public static void write(KernelImage kernel, Path target) {
        requireStaticBusybox();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target));
                CpioArchive cpio = new CpioArchive(out)) {
            for (String dir : List.of("bin", "sbin", "usr", "usr/bin", "usr/sbin", "dev", "proc", "sys", "newroot",
                    "modules")) {
                cpio.directory(dir, 0755);
            }
            cpio.file("bin/busybox", 0755, Files.readAllBytes(BUSYBOX));
            cpio.file("init", 0755, resource("init"));
            List<Path> modules = kernel.moduleFiles(MODULES);
            for (int i = 0; i < modules.size(); i++) {
                Path module = modules.get(i);
                String name = KernelImage.moduleName(module.getFileName().toString());
                cpio.file("modules/%02d-%s.ko".formatted(i, name), 0644, decompressed(module));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    static byte[] resource(String name) {
        try (InputStream in = Initramfs.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " missing from the kernels jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name, e);
        }
    }

    private static byte[] decompressed(Path module) throws IOException {
        String file = module.getFileName().toString();
        if (file.endsWith(".ko")) {
            return Files.readAllBytes(module);
        }
        String tool = file.endsWith(".xz") ? "xz" : "zstd";
        return new Command("decompressing " + module + " (needs " + tool + ")",
                List.of(tool, "-dc", module.toString()), DECOMPRESS_TIMEOUT).runForBytes();
    }

    private static void requireStaticBusybox() {
        if (!Files.isExecutable(BUSYBOX)) {
            throw new KernelRunException(BUSYBOX + " not found: install it with apt-get install busybox-static");
        }
    }
}
