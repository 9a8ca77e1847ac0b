package dev.runlock.cli.trust;

import dev.runlock.cli.config.ConfigException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The configs the user trusts, as direnv's {@code allow} and mise's {@code trust} keep them: the real
 * path and the SHA-256 of the content, so any edit voids the trust. Kept in
 * {@code ${XDG_CONFIG_HOME:-$HOME/.config}/runlock/trusted} in {@code sha256sum}'s format (so
 * {@code sha256sum --check} verifies it), mode 0600, replaced atomically, and checked like a config.
 */
public final class TrustStore {
    static final String WHAT = "trust store";
    private static final Pattern LINE = Pattern.compile("(\\\\?)([0-9a-f]{64})  (.+)");

    /** One trusted config. */
    public record Entry(String sha256, Path path) {
    }

    private final Path file;

    private TrustStore(Path file) {
        this.file = file;
    }

    /** The store of the user whose environment this is. */
    public static TrustStore of(Map<String, String> environment) throws ConfigException {
        String xdg = environment.get("XDG_CONFIG_HOME");
        Path base;
        // The XDG base directory specification: a relative value is invalid and ignored.
        if (xdg != null && xdg.startsWith("/")) {
            base = Path.of(xdg);
        } else {
            String home = environment.get("HOME");
            if (home == null || !home.startsWith("/")) {
                throw new ConfigException("cannot find the trust store: set HOME or XDG_CONFIG_HOME to an absolute path");
            }
            base = Path.of(home, ".config");
        }
        return new TrustStore(base.resolve("runlock").resolve("trusted"));
    }

    public Path file() {
        return file;
    }

    /** Whether a config is trusted as it is now. */
    public enum Verdict {
        TRUSTED,
        /** Trusted once, with other content. */
        CHANGED,
        UNKNOWN
    }

    /** Whether exactly these bytes at this real path were trusted. */
    public Verdict verdict(ConfigFile config) throws ConfigException {
        List<Entry> entries = entries();
        if (entries.contains(new Entry(config.sha256(), config.realPath()))) {
            return Verdict.TRUSTED;
        }
        return entries.stream().anyMatch(e -> e.path().equals(config.realPath())) ? Verdict.CHANGED : Verdict.UNKNOWN;
    }

    /** Every entry, in the order trusted. */
    public List<Entry> entries() throws ConfigException {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        ConfigFile store = ConfigFile.read(file, WHAT);
        List<Entry> entries = new ArrayList<>();
        int number = 0;
        for (String line : store.text().split("\n")) {
            number++;
            if (line.isEmpty()) {
                continue;
            }
            var m = LINE.matcher(line);
            if (!m.matches()) {
                throw new ConfigException(file + ":" + number + ": not a 'SHA256  PATH' line (fix or delete the line)");
            }
            String path = m.group(1).isEmpty() ? m.group(3) : unescape(m.group(3));
            entries.add(new Entry(m.group(2), Path.of(path)));
        }
        return entries;
    }

    /** Records the config's current content as trusted, replacing what was recorded for its path. */
    public void trust(ConfigFile config) throws ConfigException {
        List<Entry> entries = new ArrayList<>(entries());
        entries.removeIf(e -> e.path().equals(config.realPath()));
        entries.add(new Entry(config.sha256(), config.realPath()));
        write(entries);
    }

    /** The path trust in {@code file} is recorded under: its real path, or where it was if it is gone. */
    public static Path recordedPath(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            return file.toAbsolutePath().normalize();
        }
    }

    /** Forgets the path; returns whether it was trusted. */
    public boolean untrust(Path realPath) throws ConfigException {
        List<Entry> entries = new ArrayList<>(entries());
        if (!entries.removeIf(e -> e.path().equals(realPath))) {
            return false;
        }
        write(entries);
        return true;
    }

    /** A new file, then one rename: a reader sees the old store or the new one, never half of it. */
    private void write(List<Entry> entries) throws ConfigException {
        StringBuilder text = new StringBuilder();
        for (Entry e : entries) {
            String path = e.path().toString();
            boolean escaped = path.indexOf('\\') >= 0 || path.indexOf('\n') >= 0 || path.indexOf('\r') >= 0;
            text.append(escaped ? "\\" : "").append(e.sha256()).append("  ")
                    .append(escaped ? escape(path) : path).append('\n');
        }
        Path directory = file.getParent();
        Path temporary = null;
        try {
            Files.createDirectories(directory,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            StrictModes.directory(directory, WHAT);
            temporary = Files.createTempFile(directory, ".trusted", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temporary = null;
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot write: " + ConfigFile.reason(e));
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // The failure that got here is the one to report.
                }
            }
        }
    }

    /** sha256sum's escaping of names with a backslash or line break. */
    private static String escape(String path) {
        return path.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static String unescape(String path) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '\\' && i + 1 < path.length()) {
                char next = path.charAt(++i);
                out.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
