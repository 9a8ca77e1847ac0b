package dev.runlock.kernels;

/**
 * One row of the kernel matrix.
 *
 * @param name        label used in reports and by {@code -Dkernels.only}
 * @param source      where the kernel comes from
 * @param expectedAbi the Landlock ABI the kernel must report, 0 when Landlock is unusable
 */
public record KernelSpec(String name, KernelSource source, int expectedAbi) {

    /** A description of where the kernel comes from, for reports and failure messages. */
    public String origin() {
        return switch (source) {
            case KernelSource.Host _ -> "host kernel";
            case KernelSource.Debian debian -> debian.suite() + " " + debian.packages();
        };
    }
}
