package dev.runlock.cli.trust;

import dev.runlock.cli.config.ConfigException;
import dev.runlock.cli.config.ConfigKey;
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
import java.util.stream.Stream;

/**
 * The configs the user trusts, as direnv's {@code allow} and mise's {@code trust} keep them, and a
 * little more: trust is a decision about a config in a place. Each entry records where the config
 * was found (a link stays a link: a repository's {@code sandbox.toml -> ~/dotfiles/sandbox.toml}
 * needs its own entry), the real path and SHA-256 of what it leads to (any edit voids the trust),
 * and what each path entry resolved to (a retargeted {@code docs} link voids it too). Kept in
 * {@code ${XDG_CONFIG_HOME:-$HOME/.config}/runlock/trusted}, mode 0600, replaced atomically, and
 * checked like a config: {@code sha256sum}'s lines, each followed by {@code #} comment lines that
 * {@code sha256sum --check} skips ({@code #<TAB>at<TAB>PLACE}, {@code #<TAB>path<TAB>SECTION<TAB>KEY<TAB>VALUE<TAB>TARGET},
 * fields escaped as sha256sum escapes names, plus tab).
 */
public final class TrustStore {
    static final String WHAT = "trust store";
    private static final Pattern LINE = Pattern.compile("(\\\\?)([0-9a-f]{64})  (.+)");
    private static final String AT = "at";
    private static final String PATH = "path";

    /**
     * One trusted config.
     *
     * @param path        the real path of the file trusted
     * @param place       where it was found: its directory's real path and its own name
     * @param resolutions where its path entries led, or null for an entry of a runlock that did not record them
     */
    public record Entry(String sha256, Path path, Path place, List<Resolution> resolutions) {
        /** {@code PLACE}, or {@code PLACE -> PATH} for a link. */
        public String name() {
            return place.equals(path) ? place.toString() : place + " -> " + path;
        }
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

    /** Whether a config is trusted as it is now, where it is now. */
    public sealed interface Verdict {
        record Trusted() implements Verdict {
        }

        /** Nothing was trusted at this place. */
        record Unknown() implements Verdict {
        }

        /** Trusted once, as something else: {@code what} says what changed, empty for the content. */
        record Changed(String what) implements Verdict {
        }
    }

    /** Whether exactly these bytes, at this place, leading to this real path, with these paths' targets, were trusted. */
    public Verdict verdict(ConfigFile config) throws ConfigException {
        Path place = ConfigLocation.place(config.path());
        Entry entry = entries().stream().filter(e -> e.place().equals(place)).reduce((a, b) -> b).orElse(null);
        if (entry == null) {
            return new Verdict.Unknown();
        }
        if (!entry.path().equals(config.realPath())) {
            return new Verdict.Changed("it now leads to " + config.realPath() + ", not " + entry.path());
        }
        if (!entry.sha256().equals(config.sha256())) {
            return new Verdict.Changed("");
        }
        List<Resolution> now = Resolution.of(config.sections());
        List<Resolution> recorded = entry.resolutions() == null ? List.of() : entry.resolutions();
        if (recorded.size() != now.size()) {
            return new Verdict.Changed(entry.resolutions() == null ? "trusted before runlock recorded where its paths lead"
                    : "the trust store's record of its paths does not match them");
        }
        Path directory = config.realPath().getParent();
        for (int i = 0; i < now.size(); i++) {
            Resolution current = now.get(i);
            Path trusted = recorded.get(i).target();
            if (!current.target().equals(trusted)) {
                return new Verdict.Changed(current.entry() + " now leads to " + current.target()
                        + (current.leaves(directory) ? " through a link out of " + directory : "") + ", not " + trusted);
            }
        }
        return new Verdict.Trusted();
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
            if (line.startsWith("#") && !entries.isEmpty()) {
                entries.set(entries.size() - 1, comment(entries.getLast(), line, number));
                continue;
            }
            var m = LINE.matcher(line);
            if (!m.matches()) {
                throw damaged(number);
            }
            Path path = Path.of(m.group(1).isEmpty() ? m.group(3) : unescape(m.group(3)));
            entries.add(new Entry(m.group(2), path, path, null));
        }
        return entries;
    }

    /** The entry with what a comment line below its checksum line records. */
    private Entry comment(Entry entry, String line, int number) throws ConfigException {
        List<String> fields = Stream.of(line.split("\t", -1)).skip(1).map(TrustStore::unescape).toList();
        List<Resolution> resolutions = entry.resolutions() == null ? List.of() : entry.resolutions();
        if (!line.startsWith("#\t") || fields.isEmpty()) {
            throw damaged(number);
        }
        if (fields.getFirst().equals(AT) && fields.size() == 2) {
            return new Entry(entry.sha256(), entry.path(), Path.of(fields.get(1)), resolutions);
        }
        if (fields.getFirst().equals(PATH) && fields.size() == 5) {
            ConfigKey key = ConfigKey.of(fields.get(2)).filter(ConfigKey::leadsToFiles).orElseThrow(() -> damaged(number));
            List<Resolution> more = new ArrayList<>(resolutions);
            more.add(new Resolution(fields.get(1), key, fields.get(3), Path.of(fields.get(4))));
            return new Entry(entry.sha256(), entry.path(), entry.place(), more);
        }
        throw damaged(number);
    }

    private ConfigException damaged(int number) {
        return new ConfigException(file + ":" + number + ": not a 'SHA256  PATH' line or a runlock comment below one "
                + "(fix or delete the line)");
    }

    /** Records the config as trusted where it is now, replacing what was recorded for that place. */
    public Entry trust(ConfigFile config) throws ConfigException {
        Path place = ConfigLocation.place(config.path());
        List<Entry> entries = new ArrayList<>(entries());
        entries.removeIf(e -> e.place().equals(place));
        Entry entry = new Entry(config.sha256(), config.realPath(), place, Resolution.of(config.sections()));
        entries.add(entry);
        write(entries);
        return entry;
    }

    /** Forgets what was trusted at {@code place}; returns whether anything was. */
    public boolean untrust(Path place) throws ConfigException {
        List<Entry> entries = new ArrayList<>(entries());
        if (!entries.removeIf(e -> e.place().equals(place))) {
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
            comment(text, AT, e.place().toString());
            for (Resolution r : e.resolutions() == null ? List.<Resolution>of() : e.resolutions()) {
                comment(text, PATH, r.section(), r.key().tomlName(), r.value(), r.target().toString());
            }
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

    /** A line sha256sum skips: {@code #}, then the fields, each after a tab, escaped (tabs too). */
    private static void comment(StringBuilder text, String... fields) {
        text.append('#');
        for (String field : fields) {
            text.append('\t').append(escape(field).replace("\t", "\\t"));
        }
        text.append('\n');
    }

    private static String unescape(String path) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '\\' && i + 1 < path.length()) {
                char next = path.charAt(++i);
                out.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next == 't' ? '\t' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
