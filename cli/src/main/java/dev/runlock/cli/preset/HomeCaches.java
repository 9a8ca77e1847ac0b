package dev.runlock.cli.preset;

import dev.runlock.cli.config.ConfigKey;
import dev.runlock.cli.config.ConfigSection;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The caches the built-in presets make writable in the home ({@code ~/.m2/repository},
 * {@code ~/.npm/_cacache}). One that is missing is created, empty and private, before the command
 * starts, as the tool itself would create it: otherwise a fresh account, or a cache the user
 * cleaned, fails a preset's or a learned section's first try, since the directory the cache is in
 * is not writable in the sandbox.
 *
 * <p>Only these fixed paths are ever created, never one a config names by itself, and never
 * through a link: a link on the way stops the creation, and the grant is then skipped as missing.
 */
public final class HomeCaches {
    private static final Set<ConfigKey> WRITABLE = Set.of(ConfigKey.RW, ConfigKey.RWX);

    private final Path home;
    private final Presets presets;

    private HomeCaches(Path home, Presets presets) {
        this.home = home;
        this.presets = presets;
    }

    /** The caches of {@code presets} in the home of {@code context}; none when HOME is unset, {@code /} or a system directory. */
    public static Optional<HomeCaches> of(Presets presets, PresetContext context) {
        return EnvironmentPath.home(context)
                .filter(home -> !home.systemOwn() && EnvironmentPath.unsteady(home.path(), home.path()).isEmpty()
                        && EnvironmentPath.mineAlone(home.path()))
                .map(home -> new HomeCaches(home.path(), presets));
    }

    /** The caches that {@code names}, and the presets they include, make writable. */
    public List<Path> of(List<String> names) {
        Set<Path> out = new LinkedHashSet<>();
        for (String name : presets.expand(names)) {
            ConfigSection section = presets.section(name).orElseThrow();
            WRITABLE.forEach(key -> section.strings(key).stream()
                    .filter(written -> written.startsWith(Placeholder.HOME.token() + "/"))
                    .map(written -> home.resolve(written.substring(Placeholder.HOME.token().length() + 1)).normalize())
                    .forEach(out::add));
        }
        return List.copyOf(out);
    }

    /**
     * Creates {@code cache} and the directories above it up to the home, each {@code rwx------};
     * nothing when it exists.
     *
     * @return whether anything was created
     * @throws IOException when a directory on the way is a link, not a directory, another user's or
     *     writable by others (they could swap what runlock creates for a link), or one cannot be made
     */
    public boolean create(Path cache) throws IOException {
        List<Path> missing = new ArrayList<>();
        Path at = home;
        for (Path name : home.relativize(cache)) {
            at = at.resolve(name);
            if (Files.isSymbolicLink(at)) {
                throw new IOException(at + " is a link");
            }
            if (!Files.exists(at, LinkOption.NOFOLLOW_LINKS)) {
                missing.add(at);
            } else if (!Files.isDirectory(at, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(at + " is not a directory");
            } else if (!EnvironmentPath.mineAlone(at)) {
                throw new IOException(at + " is another user's or writable by others");
            }
        }
        for (Path directory : missing) {
            try {
                Files.createDirectory(directory,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (FileAlreadyExistsException e) {
                // Made by someone else meanwhile: it must pass what an existing one does.
                if (!EnvironmentPath.mineAlone(directory)) {
                    throw new IOException(directory + " appeared meanwhile, not as a directory of yours alone", e);
                }
            }
        }
        return !missing.isEmpty();
    }
}
