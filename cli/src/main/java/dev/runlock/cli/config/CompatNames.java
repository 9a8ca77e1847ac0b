package dev.runlock.cli.config;

import dev.runlock.landlock.CompatLevel;
import java.util.List;
import java.util.Locale;

/** The names users give compatibility levels, in flags and {@code sandbox.toml}: best, soft, hard. */
public final class CompatNames {
    /** Every name, in order of strictness. */
    public static final List<String> NAMES = List.of("best", "soft", "hard");

    private CompatNames() {
    }

    /** Parses {@code best}, {@code soft} or {@code hard}, ignoring case and surrounding blanks. */
    public static CompatLevel parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "best" -> CompatLevel.BEST_EFFORT;
            case "soft" -> CompatLevel.SOFT_REQUIREMENT;
            case "hard" -> CompatLevel.HARD_REQUIREMENT;
            default -> throw new IllegalArgumentException(
                    "'" + text + "' is not a compatibility level (" + String.join(", ", NAMES) + ")");
        };
    }
}
