package dev.runlock.kernels;

import java.util.List;
import java.util.regex.Pattern;

/** Where a matrix kernel comes from: the machine running the build, or Debian packages. */
public sealed interface KernelSource {

    /** The build machine's own kernel, used directly without a virtual machine. */
    record Host() implements KernelSource {}

    /**
     * Debian packages that together hold a bootable kernel and its modules.
     *
     * @param suite    Debian suite, e.g. {@code bookworm}
     * @param packages patterns each matching one whole package name; the newest match is used
     */
    record Debian(String suite, List<Pattern> packages) implements KernelSource {
        public Debian {
            packages = List.copyOf(packages);
        }
    }
}
