package dev.runlock.landlock;

/**
 * Landlock ABI versions, ordered. {@link #NONE} stands for a kernel without usable Landlock.
 * A kernel that reports a version newer than this enum knows is treated as the newest known
 * one: rights are always "all rights of ABI n", never a moving target.
 */
public enum Abi {
    /** No usable Landlock: the kernel lacks it, did not enable it at boot, or a filter blocks it. */
    NONE("no Landlock"),
    /** Linux 5.13: the syscalls and filesystem rights bits 0-12; cross-directory rename/link fails with EXDEV. */
    V1("5.13"),
    /** Linux 5.19: REFER, cross-directory rename and link. */
    V2("5.19"),
    /** Linux 6.2: TRUNCATE. */
    V3("6.2"),
    /** Linux 6.7: TCP bind and connect rights, and port rules. */
    V4("6.7"),
    /** Linux 6.10: IOCTL_DEV, ioctls on devices. */
    V5("6.10"),
    /** Linux 6.12: scopes for abstract UNIX sockets and signals. */
    V6("6.12"),
    /** Linux 6.15: audit logging of denials and the three LOG_* flags of restrict_self. */
    V7("6.15"),
    /** Linux 7.0: TSYNC, restrict_self applied to every thread. */
    V8("7.0"),
    /** Linux 7.1: RESOLVE_UNIX, connecting to pathname UNIX sockets created outside the sandbox. */
    V9("7.1"),
    /** Linux 7.2: UDP bind and connect/send rights, and quiet rules (QUIET add-rule flag, quiet masks). */
    V10("7.2"),
    /** Linux 7.3: the NO_NEW_PRIVS flag of restrict_self, which sets no_new_privs only if the enforcement succeeds. */
    V11("7.3");

    private final String firstKernel;

    Abi(String firstKernel) {
        this.firstKernel = firstKernel;
    }

    /** The newest ABI runlock knows. */
    public static Abi newest() {
        return V11;
    }

    /**
     * The Landlock runlock promises ("Landlock v6"): the filesystem rights of ABI 1-3, TCP of
     * ABI 4, device ioctl of ABI 5 and the scopes of ABI 6. A kernel short of it is warned about
     * on every run; rights above it are warned about only when something asks for them.
     */
    public static Abi baseline() {
        return V6;
    }

    /** The ABI for a kernel-reported version number, clamped to {@link #newest()}. */
    public static Abi of(int version) {
        if (version <= 0) {
            return NONE;
        }
        return values()[Math.min(version, newest().ordinal())];
    }

    /** Parses a user-given ABI number (1 to {@link #newest()}). */
    public static Abi parse(String text) {
        int n;
        try {
            n = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not an ABI number (1-" + newest().number() + ")");
        }
        if (n < 1 || n > newest().number()) {
            throw new IllegalArgumentException("ABI " + n + " does not exist (1-" + newest().number() + ")");
        }
        return of(n);
    }

    public int number() {
        return ordinal();
    }

    /** The first mainline kernel with this ABI. */
    public String firstKernel() {
        return firstKernel;
    }

    public boolean atLeast(Abi other) {
        return compareTo(other) >= 0;
    }

    public static Abi min(Abi a, Abi b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public String toString() {
        return this == NONE ? "none" : "ABI " + number();
    }
}
