package dev.runlock.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where Debian's landrun is: {@code $RUNLOCK_BENCH_LANDRUN}, else the wrapper that
 * {@code conformance-landrun/scripts/fetch-landrun.sh} writes by default.
 */
final class Landrun {
    static final String ENV = "RUNLOCK_BENCH_LANDRUN";
    private static final Path DEFAULT = Path.of("conformance-landrun", "target", "landrun");

    private Landrun() {
    }

    /** The landrun executable; fails, naming both places, when neither holds one. */
    static Path find(Checkout checkout) {
        String configured = System.getenv(ENV);
        Path path = configured != null && !configured.isBlank() ? Path.of(configured)
                : checkout.root().resolve(DEFAULT);
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException("landrun benchmark skipped: no landrun at " + path
                    + " (run conformance-landrun/scripts/fetch-landrun.sh, or set " + ENV + ")");
        }
        return path;
    }
}
