package dev.runlock.landlock;

import java.util.Locale;

/**
 * What to do when the kernel lacks part of the requested sandbox, as rust-landlock defines it.
 * Ordered from most to least lenient.
 */
public enum CompatLevel {
    /** Enforce what the kernel supports and report what was dropped. */
    BEST_EFFORT("best"),
    /** Enforce all or nothing: if anything would be dropped, run without a sandbox, with a warning. */
    SOFT_REQUIREMENT("soft"),
    /** Refuse to run unless everything requested is enforced. */
    HARD_REQUIREMENT("hard");

    private final String cliName;

    CompatLevel(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    /** Parses {@code best}, {@code soft} or {@code hard}. */
    public static CompatLevel parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (CompatLevel level : values()) {
            if (level.cliName.equals(t)) {
                return level;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a compatibility level (best, soft, hard)");
    }
}
