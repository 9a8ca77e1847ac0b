package dev.runlock.cli;

import dev.runlock.landlock.Abi;

/** {@code runlock -V}: the build's version and the newest Landlock ABI it knows. */
final class Version {
    private Version() {
    }

    /** As picocli prints them; read only when asked, since the manifest lookup costs startup time. */
    static String[] lines() {
        String version = Version.class.getPackage().getImplementationVersion();
        return new String[] {"runlock " + (version == null ? "dev" : version)
                + " (Landlock ABI 1-" + Abi.newest().number() + ")"};
    }
}
