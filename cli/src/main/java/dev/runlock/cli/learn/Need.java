package dev.runlock.cli.learn;

import dev.runlock.cli.config.ConfigKey;

/**
 * What a learned entry grants, named by the {@code sandbox.toml} key that grants it. Ordered: a
 * directory entry of a later path need covers the earlier ones beneath it ({@code rw} covers
 * {@code ro}).
 */
public enum Need {
    RO(ConfigKey.RO),
    RW(ConfigKey.RW),
    UNIX(ConfigKey.UNIX),
    EXECUTABLE(ConfigKey.EXECUTABLE_DEPENDENCIES),
    BIND_TCP(ConfigKey.BIND_TCP),
    CONNECT_TCP(ConfigKey.CONNECT_TCP),
    BIND_UDP(ConfigKey.BIND_UDP),
    CONNECT_UDP(ConfigKey.CONNECT_UDP);

    private final ConfigKey key;

    Need(ConfigKey key) {
        this.key = key;
    }

    public ConfigKey key() {
        return key;
    }

    /** Whether a directory granted with this need also grants {@code other} beneath it. */
    boolean covers(Need other) {
        return this == other || (this == RW && other == RO);
    }
}
