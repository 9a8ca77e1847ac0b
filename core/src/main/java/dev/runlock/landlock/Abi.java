package dev.runlock.landlock;

/**
 * Landlock ABI versions, ordered. {@link #NONE} stands for a kernel without usable Landlock.
 * A kernel that reports a version newer than this enum knows is treated as the newest known
 * one: rights are always "all rights of ABI n", never a moving target.
 */
public enum Abi {
    NONE("no Landlock"),
    V1("5.13"),
    V2("5.19"),
    V3("6.2"),
    V4("6.7"),
    V5("6.10"),
    V6("6.12"),
    V7("6.15"),
    V8("7.0"),
    V9("7.1"),
    V10("7.2");

    private final String firstKernel;

    Abi(String firstKernel) {
        this.firstKernel = firstKernel;
    }

    /** The newest ABI runlock knows. */
    public static Abi newest() {
        return V10;
    }

    /** The ABI for a kernel-reported version number, clamped to {@link #newest()}. */
    public static Abi of(int version) {
        if (version <= 0) {
            return NONE;
        }
        return values()[Math.min(version, newest().ordinal())];
    }

    /** Parses a user-given ABI number (1..10). */
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
