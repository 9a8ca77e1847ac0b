package dev.runlock.kernels;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Resolves and downloads packages of any Debian suite through {@code scripts/debian-apt.sh},
 * which keeps a private apt state and package cache under {@code ~/.cache/runlock}.
 */
public final class DebianArchive {

    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    private static final String FETCH = """
            . "$1"
            debian_update "$2" || exit 1
            name="$(debian_newest "$2" "$3")"
            if [ -z "$name" ]; then echo "no package in Debian $2 matches '$3'" >&2; exit 1; fi
            deb="$(debian_download "$2" "$name")" || exit 1
            printf '%s\\n%s\\n%s\\n' "$name" "$(dpkg-deb -f "$deb" Version)" "$deb"
            """;

    private final Path aptScript;

    /** @param aptScript the repository's {@code scripts/debian-apt.sh} */
    public DebianArchive(Path aptScript) {
        this.aptScript = aptScript;
    }

    /** Downloads (or reuses) the newest package of {@code suite} whose whole name matches. */
    public DebianPackage newest(String suite, Pattern pattern) {
        String label = "looking up '" + pattern + "' in Debian " + suite;
        List<String> lines = Command.bash(label, FETCH, TIMEOUT, aptScript.toString(), suite, pattern.pattern())
                .run().strip().lines().toList();
        if (lines.size() != 3) {
            throw new KernelRunException(label + " gave unexpected output: " + lines);
        }
        return new DebianPackage(lines.get(0), lines.get(1), Path.of(lines.get(2)));
    }
}
