package dev.runlock.cli.trust;

import dev.runlock.cli.config.ConfigKey;
import dev.runlock.cli.config.ConfigSection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where one path entry of a config leads: trust covers it, since a {@code git pull} can turn a
 * trusted {@code ro = ["docs"]} into {@code docs -> ~/.ssh} without touching the config's bytes.
 *
 * @param section the section's name
 * @param value   the entry as written, e.g. {@code docs}
 * @param target  the path with every link resolved; for a part that does not exist (yet), where
 *                the existing part and a dangling link's text lead
 */
public record Resolution(String section, ConfigKey key, String value, Path target) {

    /** Every path entry of every section (and each executable dependency named by a path), in file order. */
    public static List<Resolution> of(Map<String, ConfigSection> sections) {
        List<Resolution> all = new ArrayList<>();
        for (ConfigSection section : sections.values()) {
            for (ConfigKey key : ConfigKey.values()) {
                if (!key.leadsToFiles()) {
                    continue;
                }
                List<String> values = section.strings(key);
                List<Path> paths = section.paths(key);
                for (int i = 0; i < values.size(); i++) {
                    if (key.isPath() || values.get(i).contains("/")) {
                        all.add(new Resolution(section.name(), key, values.get(i), target(paths.get(i))));
                    }
                }
            }
        }
        return all;
    }

    /** Where {@code path} leads now. */
    static Path target(Path path) {
        Path missing = Path.of("");
        for (Path p = path.toAbsolutePath(); p.getParent() != null; p = p.getParent()) {
            try {
                return p.toRealPath().resolve(missing);
            } catch (IOException e) {
                if (Files.isSymbolicLink(p)) {
                    try {
                        // A dangling link: where it leads once its target appears.
                        return target(p.getParent()).resolve(Files.readSymbolicLink(p)).normalize().resolve(missing);
                    } catch (IOException unreadable) {
                        // Treated as missing: the comparison still sees any later change.
                    }
                }
                missing = p.getFileName().resolve(missing);
            }
        }
        return path.getRoot().resolve(missing);
    }

    /** The entry as a user reads it: {@code [make] ro "docs"}. */
    public String entry() {
        return "[" + section + "] " + key.tomlName() + " \"" + value + "\"";
    }

    /**
     * Whether the entry, written inside {@code directory}, leads out of it through a link:
     * {@code docs -> ~/.ssh} beside the config.
     */
    public boolean leaves(Path directory) {
        Path written = directory.resolve(value).normalize();
        return written.startsWith(directory) && !target.startsWith(directory);
    }
}
