package dev.runlock.cli.learn;

import dev.runlock.cli.config.ConfigException;
import dev.runlock.cli.trust.ConfigFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;

/**
 * Adds or replaces one section of a {@code sandbox.toml}, leaving every other byte of the file as
 * it was, and replaces the file atomically (a reader sees the old file or the new one).
 */
public final class ConfigEditor {
    private ConfigEditor() {
    }

    /**
     * Writes {@code sectionText} (which starts with its {@code [name]} line) into {@code file}:
     * in place of the section {@code name} if the file has one, else at the end.
     */
    public static void write(Path file, String name, String sectionText) throws ConfigException {
        refuseLink(file);
        try {
            byte[] old = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
            replaceAtomically(file, edit(file, old, name, sectionText.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            // The reason only: the exception's file may be the temporary one, a name the user never gave.
            throw new ConfigException(file + ": cannot write: " + ConfigFile.reason(e));
        }
    }

    /** Refuses, before anything runs, a file that {@link #write} would refuse: a link, unreadable or not TOML. */
    public static void check(Path file) throws ConfigException {
        refuseLink(file);
        if (Files.exists(file)) {
            try {
                edit(file, Files.readAllBytes(file), "", new byte[0]);
            } catch (IOException e) {
                throw new ConfigException(file + ": cannot read: " + ConfigFile.reason(e));
            }
        }
    }

    /**
     * A symbolic link is refused, not followed: one a repository ships (learned.toml pointing into
     * the user's own configs) would have learn add grants to whatever file it names.
     */
    private static void refuseLink(Path file) throws ConfigException {
        if (Files.isSymbolicLink(file)) {
            throw new ConfigException(file + ": is a symbolic link; give the file it leads to, if that is the one meant");
        }
    }

    /** The new content: {@code old} with the section replaced or appended. */
    static byte[] edit(Path file, byte[] old, String name, byte[] section) throws ConfigException {
        TomlParseResult toml = Toml.parse(new String(old, StandardCharsets.UTF_8));
        if (toml.hasErrors()) {
            var error = toml.errors().get(0);
            TomlPosition at = error.position();
            throw new ConfigException(file + (at == null ? "" : ":" + at.line() + ":" + at.column()) + ": "
                    + error.getMessage() + " (file left unchanged)");
        }
        List<Integer> lineStarts = lineStarts(old);
        int ours = -1;
        List<Integer> headers = new ArrayList<>();
        for (String key : toml.keySet()) {
            TomlPosition at = toml.inputPositionOf(List.of(key));
            if (at == null) {
                continue;
            }
            headers.add(at.line());
            if (key.equals(name)) {
                ours = at.line();
            }
        }
        if (ours < 0) {
            return appended(old, section);
        }
        int startLine = ours;
        int next = headers.stream().filter(l -> l > startLine).min(Integer::compare).orElse(-1);
        int endLine = next < 0 ? lineStarts.size() + 1 : next;
        // Comments and blank lines right above the next section belong to it.
        while (next > 0 && endLine - 1 > startLine && isCommentOrBlank(old, lineStarts, endLine - 1)) {
            endLine--;
        }
        int start = lineStarts.get(startLine - 1);
        int end = endLine - 1 < lineStarts.size() ? lineStarts.get(endLine - 1) : old.length;
        byte[] out = new byte[start + section.length + (old.length - end)];
        System.arraycopy(old, 0, out, 0, start);
        System.arraycopy(section, 0, out, start, section.length);
        System.arraycopy(old, end, out, start + section.length, old.length - end);
        return out;
    }

    private static byte[] appended(byte[] old, byte[] section) {
        String separator = old.length == 0 ? "" : old[old.length - 1] == '\n' ? "\n" : "\n\n";
        byte[] sep = separator.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[old.length + sep.length + section.length];
        System.arraycopy(old, 0, out, 0, old.length);
        System.arraycopy(sep, 0, out, old.length, sep.length);
        System.arraycopy(section, 0, out, old.length + sep.length, section.length);
        return out;
    }

    /** Byte offset of each line's start; line n (1-based) starts at index n-1. */
    private static List<Integer> lineStarts(byte[] bytes) {
        List<Integer> starts = new ArrayList<>(List.of(0));
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n' && i + 1 < bytes.length) {
                starts.add(i + 1);
            }
        }
        return starts;
    }

    private static boolean isCommentOrBlank(byte[] bytes, List<Integer> starts, int line) {
        int i = starts.get(line - 1);
        while (i < bytes.length && (bytes[i] == ' ' || bytes[i] == '\t')) {
            i++;
        }
        return i >= bytes.length || bytes[i] == '#' || bytes[i] == '\n' || bytes[i] == '\r';
    }

    private static void replaceAtomically(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Set<PosixFilePermission> mode = Files.exists(target, LinkOption.NOFOLLOW_LINKS)
                ? Files.getPosixFilePermissions(target) : PosixFilePermissions.fromString("rw-r--r--");
        Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            Files.write(temp, content);
            Files.setPosixFilePermissions(temp, mode);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
