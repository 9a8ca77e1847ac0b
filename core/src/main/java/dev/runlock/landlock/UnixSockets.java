package dev.runlock.landlock;

/**
 * How pathname UNIX sockets are kept inside a filesystem restriction. Before ABI 9
 * ({@link AccessFs#RESOLVE_UNIX}) Landlock does not check {@code connect} to a pathname socket:
 * a command reaches every socket it can name (a D-Bus session bus, a tmux server, ssh-agent,
 * docker's socket). runlock then refuses {@code socket(AF_UNIX, ...)} with a seccomp filter,
 * unless the user granted such a socket. Abstract sockets are scoped from ABI 6, and the filter
 * refuses them too, being unable to tell them apart at {@code socket} time.
 */
public enum UnixSockets {
    /** The filesystem is not restricted: pathname sockets are as open as every file. */
    NOT_RESTRICTED,
    /** Landlock restricts connecting to them (ABI 9): only granted sockets are reachable. */
    COVERED_BY_LANDLOCK,
    /** The ruleset cannot restrict them and none is granted: runlock's seccomp filter refuses UNIX sockets. */
    BLOCKED_BY_SECCOMP,
    /** The ruleset cannot restrict them and a {@code --unix} path is granted: every pathname socket is reachable. */
    OPEN_FOR_GRANT;

    /** What {@code plan} does about pathname UNIX sockets. */
    public static UnixSockets of(RulesetPlan plan) {
        Ruleset ruleset = plan.ruleset();
        if (!plan.applies() || ruleset.handledFs().isEmpty()) {
            return NOT_RESTRICTED;
        }
        if (ruleset.handledFs().contains(AccessFs.RESOLVE_UNIX)) {
            return COVERED_BY_LANDLOCK;
        }
        boolean granted = plan.dropped().stream().anyMatch(d -> d.rights().contains(AccessFs.RESOLVE_UNIX));
        return granted ? OPEN_FOR_GRANT : BLOCKED_BY_SECCOMP;
    }

    /** What a ruleset that restricts the filesystem, without a UNIX socket grant, does on {@code kernel}. */
    public static UnixSockets whenFilesystemRestricted(KernelSupport kernel) {
        if (!kernel.available()) {
            return NOT_RESTRICTED;
        }
        return kernel.abi().atLeast(AccessFs.RESOLVE_UNIX.since()) ? COVERED_BY_LANDLOCK : BLOCKED_BY_SECCOMP;
    }
}
