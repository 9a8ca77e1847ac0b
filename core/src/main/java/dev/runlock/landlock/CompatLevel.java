package dev.runlock.landlock;

/**
 * What to do when the kernel lacks part of the requested sandbox, as rust-landlock defines it.
 * Ordered from most to least lenient.
 */
public enum CompatLevel {
    /** Enforce what the kernel supports and report what was dropped. */
    BEST_EFFORT,
    /** Enforce all or nothing: if anything would be dropped, run without a sandbox, with a warning. */
    SOFT_REQUIREMENT,
    /** Refuse to run unless everything requested is enforced. */
    HARD_REQUIREMENT
}
