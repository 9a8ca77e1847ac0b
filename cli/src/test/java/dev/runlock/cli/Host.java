package dev.runlock.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.runlock.landlock.KernelSupport;
import dev.runlock.landlock.kernel.LinuxKernel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The machine the tests run on; expectations written for a Landlock ABI 7 kernel skip elsewhere. */
final class Host {
    private static final KernelSupport KERNEL = new LinuxKernel().probe();

    private Host() {
    }

    static int abi() {
        return KERNEL.abi().number();
    }

    /** A descriptor above 2 that this JVM has open, for {@code --keep-fd}. */
    static int openDescriptor() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.map(p -> Integer.parseInt(p.getFileName().toString())).filter(fd -> fd > 2)
                    .filter(fd -> Files.isSymbolicLink(Path.of("/proc/self/fd", fd.toString()))).findFirst()
                    .orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Skips the calling test unless this kernel's Landlock is at ABI 7, as the expectations assume. */
    static void assumeAbi7() {
        assumeTrue(abi() == 7, "expectations are written for Landlock ABI 7; this kernel has ABI " + abi());
    }
}
