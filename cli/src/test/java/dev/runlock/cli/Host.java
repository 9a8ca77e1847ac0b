package dev.runlock.cli;


import dev.runlock.landlock.Abi;
import dev.runlock.testkit.HostAbi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The machine the tests run on. */
final class Host {
    private Host() {
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

    /**
     * Skips unless this kernel has Landlock {@code abi} ({@link HostAbi#checked()}: fails instead
     * when RUNLOCK_TEST_ABI names another kernel); {@code needs} says which expectations need it.
     */
    static void assumeAbi(Abi abi, String needs) {
        HostAbi.assumeAtLeast(abi.number(), needs + " are not tested");
    }

    /** Skips below the baseline ABI, where every sandboxed run warns: for tests that read every stderr line. */
    static void assumeQuietRuns() {
        assumeAbi(Abi.baseline(), "denials next to a quiet stderr (no warning from runlock)");
    }
}
