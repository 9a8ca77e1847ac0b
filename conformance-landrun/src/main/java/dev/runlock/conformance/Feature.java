package dev.runlock.conformance;

/** A Landlock feature and the ABI that first enforces it: the single source of every ABI threshold. */
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

    private final String description;
    private final int abi;

    Feature(String description, int abi) {
        this.description = description;
        this.abi = abi;
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
