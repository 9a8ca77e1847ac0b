package dev.runlock.conformance;

import java.util.Arrays;

/**
 * A Landlock feature and the ABI that first enforces it: the single source of every ABI threshold.
 * ABI 8 (TSYNC) and ABI 11 (no_new_privs set by restrict_self) have none: runlock restricts the
 * one thread that execs, and sets no_new_privs on every ABI, so they change nothing a command sees.
 */
public enum Feature {
    FILESYSTEM("filesystem access rights", 1),
    REFER("refer (reparenting)", 2),
    TRUNCATE("truncate", 3),
    TCP("TCP bind/connect", 4),
    IOCTL_DEV("ioctl on devices", 5),
    SCOPES("IPC scopes (signals, abstract unix sockets)", 6),
    AUDIT("audit log flags", 7),
    UNIX("pathname unix sockets", 9),
    UDP("UDP bind/send", 10);

    /** The last feature of runlock's baseline ("Landlock v6"): a kernel without it is warned about on every run. */
    public static final Feature BASELINE = SCOPES;

    private final String description;
    private final int abi;

    Feature(String description, int abi) {
        this.description = description;
        this.abi = abi;
    }

    /** The newest ABI any feature needs. */
    public static int newestAbi() {
        return Arrays.stream(values()).mapToInt(Feature::abi).max().orElseThrow();
    }

    /** The first Landlock ABI that enforces this feature. */
    public int abi() {
        return abi;
    }

    public String description() {
        return description;
    }

    /** Whether a sandbox on the given effective ABI enforces this feature. */
    public boolean enforcedOn(int effectiveAbi) {
        return effectiveAbi >= abi;
    }
}
