package dev.runlock.cli;

import dev.runlock.landlock.Abi;
import dev.runlock.landlock.KernelSupport;
import dev.runlock.landlock.kernel.LandlockKernel;

/**
 * {@code runlock -V}: the build's version and the Landlock ABIs it knows, the Java runtime it runs
 * on (which tells a bundled runtime from a system JDK), and what the running kernel offers.
 */
final class Version {
    private Version() {
    }

    /** As picocli prints them, on {@code landlock}; read only when asked, since the manifest lookup costs startup time. */
    static String[] lines(LandlockKernel landlock) {
        String version = Version.class.getPackage().getImplementationVersion();
        KernelSupport kernel = landlock.probe();
        return new String[] {
            "runlock " + (version == null ? "dev" : version) + " (Landlock ABI 1-" + Abi.newest().number() + ")",
            "java:    " + Runtime.version() + " (" + System.getProperty("java.vm.vendor") + ") in "
                    + System.getProperty("java.home"),
            "kernel:  " + StatusCommand.kernelRelease() + ", Landlock "
                    + (kernel.available() ? "ABI " + kernel.reportedVersion() : kernel.availability().json())
        };
    }
}
