package dev.runlock.cli;

import dev.runlock.cli.config.ConfigSection;
import dev.runlock.cli.preset.EnvironmentPath;
import dev.runlock.landlock.AccessFs;
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
 * capabilities, or writing to {@code /}, {@code /etc}, the home directory or a directory above it. Said once,
 * since whoever wrote the config may not be whoever runs the command.
 */
final class Widening {
    private Widening() {
    }

    /** The one warning for the section, if it widens the sandbox beyond the command line. */
    static Optional<String> warning(ConfigSection section, Options options, Map<String, String> environment,
                                    Path workingDirectory) {
        GrantSource typed = new GrantSource.CommandLine(options, workingDirectory);
        GrantSource config = new GrantSource.Section(section);
        List<Path> sensitive = Stream.of(Optional.of("/etc"), Optional.ofNullable(environment.get("HOME")))
                .flatMap(Optional::stream).flatMap(p -> EnvironmentPath.of(p).stream()).map(EnvironmentPath::path)
                .toList();
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
                        boolean wide = granted.getParent() == null || sensitive.stream().anyMatch(s -> s.startsWith(granted));
                        if (wide && !alsoTyped.contains(granted)) {
                            keys.add(setting.key().tomlName() + " = \"" + written.get(i) + "\"");
                        }
                    }
                }
                default -> { }
            }
        }
        return keys.isEmpty() ? Optional.empty() : Optional.of(section.file() + " [" + section.name()
                + "] widens the sandbox beyond the command line: " + String.join(", ", keys));
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
