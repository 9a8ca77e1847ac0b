package dev.runlock.cli;

import dev.runlock.landlock.Abi;
import picocli.CommandLine.IVersionProvider;

/** {@code runlock -V}: the build's version and the newest Landlock ABI it knows. */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Version.class.getPackage().getImplementationVersion();
        return new String[] {"runlock " + (version == null ? "dev" : version)
                + " (Landlock ABI 1-" + Abi.newest().number() + ")"};
    }
}
