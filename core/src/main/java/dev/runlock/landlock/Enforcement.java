package dev.runlock.landlock;

/** How much of the requested sandbox the kernel enforces. */
public enum Enforcement {
    FULLY_ENFORCED,
    PARTIALLY_ENFORCED,
    NOT_ENFORCED
}
