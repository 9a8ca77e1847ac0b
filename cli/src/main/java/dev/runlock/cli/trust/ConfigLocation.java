package dev.runlock.cli.trust;

import dev.runlock.cli.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the config comes from: {@code $SANDBOX_CONFIG} if set (then it must exist), else
 * {@code sandbox.toml} in the working directory if there is one.
 *
 * @param explicit whether the user named it ({@code $SANDBOX_CONFIG}); a file merely found in the
 *                 working directory, perhaps a cloned repository's, applies only once trusted
 */
public record ConfigLocation(Path path, boolean explicit) {
    public static final String VARIABLE = "SANDBOX_CONFIG";
    public static final String IMPLICIT_NAME = "sandbox.toml";

    /** The config file to use, if any. */
    public static Optional<ConfigLocation> find(Map<String, String> environment, Path workingDirectory)
            throws ConfigException {
        String named = environment.get(VARIABLE);
        if (named != null && !named.isEmpty()) {
            Path file = workingDirectory.resolve(named);
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new ConfigException(file + ": config file named by " + VARIABLE + " does not exist");
            }
            return Optional.of(new ConfigLocation(file, true));
        }
        // Not isRegularFile: a directory or FIFO of that name is an error, not silently no config.
        Path local = workingDirectory.resolve(IMPLICIT_NAME);
        return Files.exists(local, LinkOption.NOFOLLOW_LINKS) ? Optional.of(new ConfigLocation(local, false))
                : Optional.empty();
    }

    /**
     * Reads the file after StrictModes; a file found implicitly must also be trusted as it is now,
     * where it is now.
     */
    public ConfigFile read(Map<String, String> environment) throws ConfigException {
        ConfigFile file = ConfigFile.read(path, "config");
        if (explicit) {
            return file;
        }
        String review = "; review it, then run: runlock trust";
        return switch (TrustStore.of(environment).verdict(file)) {
            case TrustStore.Verdict.Trusted t -> file;
            case TrustStore.Verdict.Changed(String what) -> throw new ConfigException(path
                    + " changed since you trusted it" + (what.isEmpty() ? "" : ": " + what) + review);
            case TrustStore.Verdict.Unknown u -> throw new ConfigException(path + " is not trusted (a sandbox.toml "
                    + "found in the working directory applies only once you trust it"
                    + (file.realPath().equals(place(path)) ? "" : "; this one is a link to " + file.realPath()) + ")"
                    + review);
        };
    }

    /**
     * Where a config is, as trust records it: the real path of its directory and its own name, so a
     * link is a place of its own; the path made absolute if its directory is gone.
     */
    public static Path place(Path file) {
        Path absolute = file.toAbsolutePath();
        Path name = absolute.getFileName();
        try {
            return name == null ? absolute : absolute.getParent().toRealPath().resolve(name);
        } catch (IOException e) {
            return absolute.normalize();
        }
    }
}
