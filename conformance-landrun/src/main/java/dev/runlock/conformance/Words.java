package dev.runlock.conformance;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Helpers that keep the case tables close to the shell text they port. */
final class Words {
    private Words() {
    }

    /** Splits a shell line without quotes on spaces, then appends literal words (quoted arguments). */
    static String[] line(String spaced, String... literal) {
        List<String> words = new ArrayList<>(List.of(spaced.trim().split(" +")));
        words.addAll(List.of(literal));
        return words.toArray(String[]::new);
    }

    /** {@code $(which name)}: the first executable of that name on the harness's PATH. */
    static String which(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return "/usr/bin/" + name;
    }
}
