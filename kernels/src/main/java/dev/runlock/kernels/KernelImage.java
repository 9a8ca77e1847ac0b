package dev.runlock.kernels;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A kernel unpacked from its Debian packages: the bootable image and the module tree.
 *
 * @param vmlinuz the compressed kernel image qemu boots
 * @param modules {@code lib/modules/<release>} (or under {@code usr/}); empty when the packages
 *                hold only the image (trixie-backports ships no modules for some kernels)
 */
public record KernelImage(Path vmlinuz, Optional<Path> modules) {

    private static final Duration UNPACK_TIMEOUT = Duration.ofMinutes(5);

    /** Unpacks {@code packages} into {@code root} (once per package) and locates the kernel. */
    public static KernelImage unpack(List<DebianPackage> packages, Path root) {
        try {
            Files.createDirectories(root);
            for (DebianPackage pkg : packages) {
                Path stamp = root.resolve(".unpacked-" + pkg.deb().getFileName());
                if (!Files.exists(stamp)) {
                    new Command("unpacking " + pkg.deb(),
                            List.of("dpkg-deb", "-x", pkg.deb().toString(), root.toString()), UNPACK_TIMEOUT).run();
                    Files.createFile(stamp);
                }
            }
            Optional<Path> modules = moduleTree(root);
            Stream<Path> candidates = modules.isPresent()
                    ? Stream.of(modules.get().resolve("vmlinuz"), bootImage(root, modules.get().getFileName().toString()))
                    : bootImages(root);
            Path vmlinuz = candidates.filter(Files::isRegularFile)
                    .findFirst()
                    .orElseThrow(() -> new KernelRunException("no kernel image (vmlinuz) in " + packages));
            return new KernelImage(vmlinuz, modules);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + packages, e);
        }
    }

    /**
     * The module files among {@code wanted} (in that order) that this kernel has; a module it
     * lacks is built in or not needed. Debian ships no {@code modules.dep}, so the caller's
     * order must already respect dependencies.
     */
    public List<Path> moduleFiles(List<String> wanted) {
        if (modules.isEmpty()) {
            return List.of();
        }
        Map<String, Path> byName = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(modules.get().resolve("kernel"))) {
            files.filter(file -> file.getFileName().toString().matches(".*\\.ko(\\.xz|\\.zst)?"))
                    .forEach(file -> byName.putIfAbsent(moduleName(file.getFileName().toString()), file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the modules in " + modules, e);
        }
        return wanted.stream().filter(byName::containsKey).map(byName::get).toList();
    }

    /** {@code kernel/net/9p/9pnet_virtio.ko.xz} → {@code 9pnet_virtio}; dashes count as underscores. */
    static String moduleName(String path) {
        String file = path.substring(path.lastIndexOf('/') + 1);
        return file.substring(0, file.indexOf(".ko")).replace('-', '_');
    }

    private static Optional<Path> moduleTree(Path root) throws IOException {
        List<Path> trees = new ArrayList<>();
        for (Path base : List.of(root.resolve("lib/modules"), root.resolve("usr/lib/modules"))) {
            if (Files.isDirectory(base)) {
                try (Stream<Path> releases = Files.list(base)) {
                    releases.filter(release -> Files.isDirectory(release.resolve("kernel"))).forEach(trees::add);
                }
            }
        }
        return trees.stream().findFirst();
    }

    private static Path bootImage(Path root, String release) {
        return root.resolve("boot/vmlinuz-" + release);
    }

    /** The images in {@code boot/} of a package without modules (there is exactly one). */
    private static Stream<Path> bootImages(Path root) throws IOException {
        Path boot = root.resolve("boot");
        if (!Files.isDirectory(boot)) {
            return Stream.empty();
        }
        try (Stream<Path> files = Files.list(boot)) {
            return files.filter(file -> file.getFileName().toString().startsWith("vmlinuz-")).sorted().toList().stream();
        }
    }
}
