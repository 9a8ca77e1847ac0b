package dev.runlock.cli;

import dev.runlock.cli.config.ConfigKey;
import dev.runlock.landlock.AccessNet;
import dev.runlock.landlock.RestrictFlag;
import dev.runlock.sandbox.Intent;
import dev.runlock.sandbox.Policy.Area;
import java.util.Optional;

/**
 * The one table of what widens or shapes the sandbox: each row links a command-line
 * {@link Option}, its {@code sandbox.toml} {@link ConfigKey} and the {@link Grant} it makes.
 * {@link RequestBuilder} reads every {@link GrantSource} (the command line, config sections)
 * through it, in this order, which is the order of the rules in {@code --explain}.
 *
 * <p>A new source of grants implements {@link GrantSource} (a preset is a
 * {@link GrantSource.Section} over the section read from its data); whatever turns grants back
 * into flags or keys (observed accesses) finds its row by the {@link Grant}.
 */
enum Setting {
    RO(Option.RO, ConfigKey.RO, new Grant.Paths(Intent.RO)),
    LS(Option.LS, ConfigKey.LS, new Grant.Paths(Intent.LS)),
    ROX(Option.ROX, ConfigKey.ROX, new Grant.Paths(Intent.ROX)),
    RW(Option.RW, ConfigKey.RW, new Grant.Paths(Intent.RW)),
    RWX(Option.RWX, ConfigKey.RWX, new Grant.Paths(Intent.RWX)),
    UNIX(Option.UNIX, ConfigKey.UNIX, new Grant.Paths(Intent.UNIX)),
    BIND_TCP(Option.BIND_TCP, ConfigKey.BIND_TCP, new Grant.Ports(AccessNet.BIND_TCP)),
    CONNECT_TCP(Option.CONNECT_TCP, ConfigKey.CONNECT_TCP, new Grant.Ports(AccessNet.CONNECT_TCP)),
    BIND_UDP(Option.BIND_UDP, ConfigKey.BIND_UDP, new Grant.Ports(AccessNet.BIND_UDP)),
    CONNECT_UDP(Option.CONNECT_UDP, ConfigKey.CONNECT_UDP, new Grant.Ports(AccessNet.CONNECT_SEND_UDP)),
    LOG_DISABLE_ORIGINATING(Option.LOG_DISABLE_ORIGINATING, ConfigKey.LOG_DISABLE_ORIGINATING,
            new Grant.LogFlag(RestrictFlag.LOG_SAME_EXEC_OFF)),
    LOG_ENABLE_SUBPROCESSES(Option.LOG_ENABLE_SUBPROCESSES, ConfigKey.LOG_ENABLE_SUBPROCESSES,
            new Grant.LogFlag(RestrictFlag.LOG_NEW_EXEC_ON)),
    LOG_DISABLE_SUBDOMAINS(Option.LOG_DISABLE_SUBDOMAINS, ConfigKey.LOG_DISABLE_SUBDOMAINS,
            new Grant.LogFlag(RestrictFlag.LOG_SUBDOMAINS_OFF)),
    UNRESTRICTED_FILESYSTEM(Option.UNRESTRICTED_FILESYSTEM, ConfigKey.UNRESTRICTED_FILESYSTEM,
            new Grant.Unrestricted(Area.FILESYSTEM)),
    UNRESTRICTED_NETWORK(Option.UNRESTRICTED_NETWORK, ConfigKey.UNRESTRICTED_NETWORK,
            new Grant.Unrestricted(Area.NETWORK)),
    UNRESTRICTED_SCOPED(Option.UNRESTRICTED_SCOPED, ConfigKey.UNRESTRICTED_SCOPED,
            new Grant.Unrestricted(Area.SCOPES)),
    IGNORE_MISSING(Option.IGNORE_MISSING, ConfigKey.IGNORE_MISSING, new Grant.IgnoreMissing()),
    KEEP_CAPABILITIES(Option.KEEP_CAPABILITIES, ConfigKey.KEEP_CAPABILITIES, new Grant.KeepCapabilities());

    private final Option option;
    private final ConfigKey key;
    private final Grant grant;

    Setting(Option option, ConfigKey key, Grant grant) {
        this.option = option;
        this.key = key;
        this.grant = grant;
    }

    Option option() {
        return option;
    }

    ConfigKey key() {
        return key;
    }

    Grant grant() {
        return grant;
    }

    /** The row that makes {@code grant}: how an observed access is written back as a flag or key. */
    static Optional<Setting> of(Grant grant) {
        for (Setting setting : values()) {
            if (setting.grant.equals(grant)) {
                return Optional.of(setting);
            }
        }
        return Optional.empty();
    }
}
