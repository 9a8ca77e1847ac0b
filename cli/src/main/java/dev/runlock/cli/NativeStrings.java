package dev.runlock.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command's arguments and inherited variables as the kernel handed them to this process.
 * The JVM decodes argv and the environment with the locale's charset, which under the C locale
 * turns every non-ASCII byte into U+FFFD; re-reading {@code /proc/self} as UTF-8 keeps them intact
 * whatever the caller's locale, since execve encodes them back as UTF-8. Only strings that show
 * that loss (a U+FFFD) are re-read.
 */
final class NativeStrings {
    private NativeStrings() {
    }

    private static final char LOST = '\uFFFD';

    /** The command's argv: the tail of this process's argv, as long as {@code decoded}. */
    static List<String> argvTail(List<String> decoded) {
        if (decoded.stream().noneMatch(a -> a.indexOf(LOST) >= 0)) {
            return decoded;
        }
        List<String> all = entries(Path.of("/proc/self/cmdline"));
        if (all.size() < decoded.size()) {
            return decoded;
        }
        return List.copyOf(all.subList(all.size() - decoded.size(), all.size()));
    }

    /** The value of {@code key} in the environment runlock was started with. */
    static Optional<String> inherited(String key, Optional<String> decoded) {
        if (decoded.isEmpty() || decoded.get().indexOf(LOST) < 0) {
            return decoded;
        }
        String prefix = key + "=";
        for (String entry : entries(Path.of("/proc/self/environ"))) {
            if (entry.startsWith(prefix)) {
                return Optional.of(entry.substring(prefix.length()));
            }
        }
        return decoded;
    }

    private static List<String> entries(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return List.of();
        }
        List<String> entries = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                entries.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return entries;
    }
}
