package dev.runlock.cli;

import dev.runlock.cli.config.ConfigKey;
import dev.runlock.cli.config.ConfigSection;
import dev.runlock.os.ByteStrings;
import dev.runlock.sandbox.PortRange;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where {@link Setting}s get their values: the command line or a config section (a preset is
 * read as one). Lists add up across sources; for a switch, the first source that sets it wins.
 */
interface GrantSource {
    /** The paths given for a path setting, absolute. */
    List<Path> paths(Setting setting);

    /** The ports given for a port setting. */
    List<PortRange> ports(Setting setting) throws UsageException;

    /** A switch's value, empty unless this source sets it. */
    Optional<Boolean> flag(Setting setting);

    /** How grants from here name their origin, e.g. {@code --ro} or {@code sandbox.toml [cat] ro}. */
    String origin(Setting setting);

    /** Whether grants from here are a convenience the kernel need not enforce (a preset's), not the user's word. */
    default boolean optional() {
        return false;
    }

    /** The options the user typed; relative paths are resolved against {@code workingDirectory}. */
    record CommandLine(Options options, Path workingDirectory) implements GrantSource {
        @Override
        public List<Path> paths(Setting setting) {
            return options.list(setting.option()).stream().map(p -> workingDirectory.resolve(ByteStrings.path(p))).toList();
        }

        @Override
        public List<PortRange> ports(Setting setting) throws UsageException {
            List<PortRange> ports = new ArrayList<>();
            for (String p : options.list(setting.option())) {
                try {
                    ports.add(PortRange.parse(p));
                } catch (IllegalArgumentException e) {
                    throw new UsageException(origin(setting) + ": " + e.getMessage());
                }
            }
            return ports;
        }

        @Override
        public Optional<Boolean> flag(Setting setting) {
            return options.switchValue(setting.option());
        }

        @Override
        public String origin(Setting setting) {
            return setting.option().longName();
        }
    }

    /**
     * A {@code sandbox.toml} section, its values already parsed; or a built-in preset resolved on
     * this machine, whose grants name the preset as their origin.
     */
    record Section(ConfigSection section, boolean preset) implements GrantSource {
        Section(ConfigSection section) {
            this(section, false);
        }

        @Override
        public List<Path> paths(Setting setting) {
            return section.paths(setting.key());
        }

        @Override
        public List<PortRange> ports(Setting setting) {
            return section.ports(setting.key());
        }

        @Override
        public Optional<Boolean> flag(Setting setting) {
            return section.flag(setting.key());
        }

        @Override
        public String origin(Setting setting) {
            return preset ? "preset " + section.name() : origin(section, setting.key());
        }

        @Override
        public boolean optional() {
            return preset;
        }

        /** How a section's values name their origin, e.g. {@code sandbox.toml [cat] ro}. */
        static String origin(ConfigSection section, ConfigKey key) {
            return section.file().getFileName() + " [" + section.name() + "] " + key.tomlName();
        }
    }
}
