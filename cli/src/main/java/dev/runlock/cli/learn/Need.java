package dev.runlock.cli.learn;

import dev.runlock.landlock.AccessNet;
import dev.runlock.sandbox.Intent;
import java.util.Optional;

/**
 * What a learned entry grants, as the fact the cli's option/key table is keyed by: a path intent
 * or a network right; or an executable whose closure auto-import adds; or a preset. A directory
 * entry of {@link #RW} also covers {@link #RO} beneath it, one of {@link #RWX} both, and each of them
 * {@link #LS}.
 */
public enum Need {
    RO(Intent.RO, null),
    /** A directory only listed: its names, not its files. */
    LS(Intent.LS, null),
    RW(Intent.RW, null),
    /** A directory the run created a program in and executed it from. */
    RWX(Intent.RWX, null),
    UNIX(Intent.UNIX, null),
    /** A program the command ran: listed in {@code executable_dependencies}, so auto-import covers it. */
    EXECUTABLE(null, null),
    BIND_TCP(null, AccessNet.BIND_TCP),
    CONNECT_TCP(null, AccessNet.CONNECT_TCP),
    BIND_UDP(null, AccessNet.BIND_UDP),
    CONNECT_UDP(null, AccessNet.CONNECT_SEND_UDP),
    /** A built-in preset (the target is its name) standing for the requirements it covers. */
    PRESET(null, null);

    private final Intent intent;
    private final AccessNet port;

    Need(Intent intent, AccessNet port) {
        this.intent = intent;
        this.port = port;
    }

    /** The intent a path entry is granted with; empty for executables and ports. */
    public Optional<Intent> intent() {
        return Optional.ofNullable(intent);
    }

    /** The network right a port entry grants; empty for paths. */
    public Optional<AccessNet> port() {
        return Optional.ofNullable(port);
    }

    /** Whether a directory granted with this need also grants {@code other} beneath it. */
    boolean covers(Need other) {
        return this == other || other == LS && (this == RO || writable())
                || (this == RW && other == RO) || (this == RWX && (other == RW || other == RO));
    }

    /** Whether this need makes its path writable. */
    boolean writable() {
        return this == RW || this == RWX;
    }
}
