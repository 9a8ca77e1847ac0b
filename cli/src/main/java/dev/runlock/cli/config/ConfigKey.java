package dev.runlock.cli.config;

import java.util.Locale;
import java.util.Optional;

/** The keys a {@code sandbox.toml} section may hold, each with its TOML type. */
public enum ConfigKey {
    RO(Type.STRINGS),
    ROX(Type.STRINGS),
    RW(Type.STRINGS),
    RWX(Type.STRINGS),
    UNIX(Type.STRINGS),
    BIND_TCP(Type.PORTS),
    CONNECT_TCP(Type.PORTS),
    BIND_UDP(Type.PORTS),
    CONNECT_UDP(Type.PORTS),
    ENV(Type.STRINGS),
    EXECUTABLE_DEPENDENCIES(Type.STRINGS),
    UNRESTRICTED_FILESYSTEM(Type.BOOLEAN),
    UNRESTRICTED_NETWORK(Type.BOOLEAN),
    UNRESTRICTED_SCOPED(Type.BOOLEAN),
    AUTO_ADD_BINARY_DEPENDENCIES(Type.BOOLEAN),
    IGNORE_MISSING(Type.BOOLEAN),
    LOG_DISABLE_ORIGINATING(Type.BOOLEAN),
    LOG_ENABLE_SUBPROCESSES(Type.BOOLEAN),
    LOG_DISABLE_SUBDOMAINS(Type.BOOLEAN),
    COMPAT(Type.STRING),
    ABI(Type.INTEGER),
    KEEP_FD(Type.INTEGERS);

    /** TOML value shapes. */
    public enum Type {
        STRINGS("an array of strings"),
        PORTS("an array of ports (integers or \"N-M\" strings)"),
        BOOLEAN("a boolean"),
        STRING("a string"),
        INTEGER("an integer"),
        INTEGERS("an array of integers");

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
