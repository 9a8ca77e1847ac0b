package dev.runlock.cli;

import dev.runlock.cli.config.ConfigKey;
import dev.runlock.cli.config.ConfigSection;
import dev.runlock.cli.persistence.PersistencePoints;
import dev.runlock.cli.preset.EnvironmentPath;
import dev.runlock.landlock.AccessFs;
import dev.runlock.landlock.CompatLevel;
import dev.runlock.landlock.RulesetPlan;
import dev.runlock.sandbox.Intent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a config section opens that the command line did not: lifting a whole restriction, keeping
 * capabilities, writing to {@code /}, {@code /etc}, the home directory or a directory above it, or
 * to a persistence point of the home ({@code ~/.ssh}, {@code ~/.bashrc}, {@code ~/.local} and its
 * {@code bin}), the {@code pty} preset (every terminal of the user), an
 * ABI pin that lifts what this kernel would restrict, {@code compat = "soft"} where it runs the
 * command unsandboxed, and inherited descriptors kept open. Said once, since whoever wrote the
 * config may not be whoever runs the command. {@code ignore_missing} narrows (a missing path is
 * skipped, never widened) and the {@code log_*} keys change what the audit log records, not what
 * the command may do: neither is named.
 */
final class Widening {
    /** The preset that opens every terminal of the user, not only the command's own. */
    private static final String PTY = "pty";

    private Widening() {
    }

    /** The one warning for the section, if it widens the sandbox beyond the command line. */
    static Optional<String> warning(ConfigSection section, Options options, Map<String, String> environment,
                                    Path workingDirectory, RulesetPlan plan) {
        GrantSource typed = new GrantSource.CommandLine(options, workingDirectory);
        GrantSource config = new GrantSource.Section(section);
        List<Path> sensitive = Stream.of(Optional.of("/etc"), Optional.ofNullable(environment.get("HOME")))
                .flatMap(Optional::stream).flatMap(p -> EnvironmentPath.of(p).stream()).map(EnvironmentPath::path)
                .toList();
        PersistencePoints points = PersistencePoints.of(environment);
        List<String> keys = new ArrayList<>();
        for (Setting setting : Setting.values()) {
            switch (setting.grant()) {
                case Grant.Unrestricted u when config.flag(setting).orElse(false) && typed.flag(setting).isEmpty() ->
                        keys.add(setting.key().tomlName() + " = true");
                case Grant.KeepCapabilities k when config.flag(setting).orElse(false) && typed.flag(setting).isEmpty() ->
                        keys.add(setting.key().tomlName() + " = true");
                case Grant.Paths(Intent intent) when intent.rights(true).contains(AccessFs.WRITE_FILE) -> {
                    Set<Path> alsoTyped = typed.paths(setting).stream().map(Widening::real).collect(Collectors.toSet());
                    List<String> written = section.strings(setting.key());
                    List<Path> resolved = config.paths(setting);
                    for (int i = 0; i < written.size(); i++) {
                        Path granted = real(resolved.get(i));
                        boolean wide = granted.getParent() == null || sensitive.stream().anyMatch(s -> s.startsWith(granted))
                                || !points.homePoints(granted).isEmpty();
                        if (wide && !alsoTyped.contains(granted)) {
                            keys.add(setting.key().tomlName() + " = \"" + written.get(i) + "\"");
                        }
                    }
                }
                default -> { }
            }
        }
        if (section.strings(ConfigKey.PRESET).contains(PTY) && !options.list(Option.PRESET).contains(PTY)) {
            keys.add(ConfigKey.PRESET.tomlName() + " = [\"" + PTY + "\"] (opens every terminal of yours)");
        }
        keys.addAll(loosened(section, options, plan));
        return keys.isEmpty() ? Optional.empty() : Optional.of(section.file() + " [" + section.name()
                + "] widens the sandbox beyond the command line: " + String.join(", ", keys));
    }

    /** The keys besides grants that loosen this run's sandbox, unless the command line set the same. */
    private static List<String> loosened(ConfigSection section, Options options, RulesetPlan plan) {
        List<String> keys = new ArrayList<>();
        List<String> lifted = Wording.lifted(plan);
        if (section.abi().isPresent() && options.value(Option.ABI).isEmpty() && !lifted.isEmpty()) {
            keys.add(ConfigKey.ABI.tomlName() + " = " + section.abi().get().number() + " (lifts "
                    + String.join(", ", lifted) + ")");
        }
        boolean compatTyped = options.value(Option.COMPAT).isPresent() || options.flag(Option.STRICT);
        if (section.compat().orElse(null) == CompatLevel.SOFT_REQUIREMENT && !compatTyped
                && plan.cause() == RulesetPlan.Cause.SOFT_REQUIREMENT_UNMET) {
            keys.add(ConfigKey.COMPAT.tomlName() + " = \"soft\" (no sandbox on this kernel)");
        }
        Set<String> typedFds = options.list(Option.KEEP_FD).stream().map(String::trim).collect(Collectors.toSet());
        List<Integer> kept = section.integers(ConfigKey.KEEP_FD).stream()
                .filter(fd -> fd > 2 && !typedFds.contains(Integer.toString(fd))).toList();
        if (!kept.isEmpty()) {
            keys.add(ConfigKey.KEEP_FD.tomlName() + " = " + kept);
        }
        return keys;
    }

    /** What Landlock would grant: the path with links resolved, as far as it exists. */
    private static Path real(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.normalize();
        }
    }
}
