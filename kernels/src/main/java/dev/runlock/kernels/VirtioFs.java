package dev.runlock.kernels;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code virtiofsd} daemons of one guest, one per shared directory; closing stops them.
 * The guest mounts the host root and the checkout read-only (virtiofsd of qemu 7.2 has no
 * read-only mode). The daemons chroot into their directory: the default namespace sandbox
 * cannot pivot_root into the host's own root.
 */
final class VirtioFs implements AutoCloseable {

    private static final Path DAEMON = Path.of("/usr/lib/qemu/virtiofsd");
    private static final Duration STARTUP = Duration.ofSeconds(15);

    private final Path dir;
    private final List<Process> daemons = new ArrayList<>();

    /** @param dir where the sockets and daemon logs go */
    VirtioFs(Path dir) {
        if (!Files.isExecutable(DAEMON)) {
            throw new KernelRunException(DAEMON + " not found: it comes with apt-get install qemu-system-x86");
        }
        try {
            this.dir = Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    /**
     * Starts a daemon sharing {@code source} under {@code tag} and waits for its socket.
     *
     * @return the qemu options that attach it
     */
    List<String> serve(String tag, Path source, String cache) {
        Path socket = dir.resolve(tag + ".sock");
        try {
            Files.deleteIfExists(socket);
            daemons.add(new ProcessBuilder(DAEMON.toString(), "--socket-path=" + socket, "-o", "source=" + source,
                    "-o", "cache=" + cache, "-o", "sandbox=chroot", "-o", "log_level=warn")
                    .redirectErrorStream(true).redirectOutput(dir.resolve(tag + ".log").toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start());
            awaitSocket(socket, daemons.getLast());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + DAEMON + " for " + source, e);
        }
        return List.of("-chardev", "socket,id=" + tag + ",path=" + socket,
                "-device", "vhost-user-fs-pci,chardev=" + tag + ",tag=" + tag);
    }

    // The daemon creates its socket before it accepts qemu; there is nothing to wait on but the file.
    private void awaitSocket(Path socket, Process daemon) {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        try {
            while (!Files.exists(socket)) {
                if (!daemon.isAlive() || System.nanoTime() > deadline) {
                    throw new KernelRunException(DAEMON + " did not create " + socket + " (see "
                            + socket.resolveSibling(socket.getFileName().toString().replace(".sock", ".log")) + ")");
                }
                daemon.waitFor(50, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KernelRunException("interrupted while waiting for " + socket);
        }
    }

    @Override
    public void close() {
        for (Process daemon : daemons) {
            daemon.destroy();
        }
        for (Process daemon : daemons) {
            try {
                if (!daemon.waitFor(5, TimeUnit.SECONDS)) {
                    daemon.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                daemon.destroyForcibly();
            }
        }
    }
}
