package dev.runlock.cli.config;

import java.util.Locale;
import java.util.Optional;

/**
 * The keys a {@code sandbox.toml} section may hold, each with its type. What a key grants is
 * in the cli's {@code Setting} table, next to the flag that grants the same.
 */
public enum ConfigKey {
    RO(Type.STRINGS),
    LS(Type.STRINGS),
    ROX(Type.STRINGS),
    RW(Type.STRINGS),
    RWX(Type.STRINGS),
    UNIX(Type.STRINGS),
    BIND_TCP(Type.PORTS),
    CONNECT_TCP(Type.PORTS),
    BIND_UDP(Type.PORTS),
    CONNECT_UDP(Type.PORTS),
    ENV(Type.ENV),
    PRESET(Type.STRINGS),
    EXECUTABLE_DEPENDENCIES(Type.STRINGS),
    UNRESTRICTED_FILESYSTEM(Type.BOOLEAN),
    UNRESTRICTED_NETWORK(Type.BOOLEAN),
    UNRESTRICTED_SCOPED(Type.BOOLEAN),
    AUTO_ADD_BINARY_DEPENDENCIES(Type.BOOLEAN),
    IGNORE_MISSING(Type.BOOLEAN),
    KEEP_CAPABILITIES(Type.BOOLEAN),
    LOG_DISABLE_ORIGINATING(Type.BOOLEAN),
    LOG_ENABLE_SUBPROCESSES(Type.BOOLEAN),
    LOG_DISABLE_SUBDOMAINS(Type.BOOLEAN),
    COMPAT(Type.COMPAT),
    ABI(Type.ABI),
    KEEP_FD(Type.INTEGERS);

    /** A value's shape in TOML, and what it is parsed into (once, when the file is read). */
    public enum Type {
        /** {@code List<String>}. */
        STRINGS("an array of strings"),
        /** {@code List<PortRange>}. */
        PORTS("an array of ports (integers or \"N-M\" strings)"),
        /** {@code Boolean}. */
        BOOLEAN("a boolean"),
        /** {@code CompatLevel}, from a string. */
        COMPAT("a string"),
        /** {@code Abi}, from an integer. */
        ABI("an integer"),
        /** {@code List<Integer>}, each at least 0. */
        INTEGERS("an array of integers"),
        /** {@code List<EnvSpec>}, from an array of strings. */
        ENV("an array of strings");

        private final String description;

        Type(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private final Type type;

    ConfigKey(Type type) {
        this.type = type;
    }

    public Type type() {
        return type;
    }

    /** Whether the values are paths, relative ones meaning the config file's directory. */
    public boolean isPath() {
        return switch (this) {
            case RO, ROX, RW, RWX, UNIX -> true;
            default -> false;
        };
    }

    /**
     * Whether trust records where the values lead: the path keys, and {@code executable_dependencies}
     * named by a path (one without a slash is looked up on the user's own PATH).
     */
    public boolean leadsToFiles() {
        return isPath() || this == EXECUTABLE_DEPENDENCIES;
    }

    /** The key as written in the file, e.g. {@code bind_tcp}. */
    public String tomlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ConfigKey> of(String tomlName) {
        for (ConfigKey key : values()) {
            if (key.tomlName().equals(tomlName)) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }
}
