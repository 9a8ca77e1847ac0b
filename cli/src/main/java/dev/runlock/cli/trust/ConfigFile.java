package dev.runlock.cli.trust;

import dev.runlock.cli.config.ConfigException;
import dev.runlock.cli.config.ConfigSection;
import dev.runlock.cli.config.SandboxConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * A configuration file read once, after {@link StrictModes}, and at most {@value #MAX_BYTES} bytes:
 * the bytes that are hashed for trust are exactly the bytes that are parsed.
 */
public final class ConfigFile {
    /** Larger files are refused: a sandbox policy is a few lines; reading more only risks memory. */
    public static final int MAX_BYTES = 1 << 20;

    private final Path path;
    private final Path realPath;
    private final byte[] bytes;
    private Map<String, ConfigSection> sections;

    private ConfigFile(Path path, Path realPath, byte[] bytes) {
        this.path = path;
        this.realPath = realPath;
        this.bytes = bytes;
    }

    /**
     * Checks {@code path} like OpenSSH's StrictModes, then reads it.
     *
     * @param what what the file is to runlock, for messages ("config", "trust store")
     */
    public static ConfigFile read(Path path, String what) throws ConfigException {
        Path real = StrictModes.regularFile(path, what);
        // NOFOLLOW: the path just checked is the one read, even if a link appeared in between.
        try (InputStream in = Files.newInputStream(real, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new ConfigException(path + ": larger than 1 MiB; not a sandbox config");
            }
            return new ConfigFile(path, real, bytes);
        } catch (IOException e) {
            throw new ConfigException(path + ": cannot read: " + reason(e));
        }
    }

    /** The path it was found at, as messages name it. */
    public Path path() {
        return path;
    }

    /** The path with every symbolic link resolved: what trust is recorded for. */
    public Path realPath() {
        return realPath;
    }

    /** The SHA-256 of the content, in lower-case hex. */
    public String sha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The content as text; bytes that are not UTF-8 are an error naming their line and column. */
    public String text() throws ConfigException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            out.flip();
            String before = out.toString();
            int lineStart = before.lastIndexOf('\n') + 1;
            long line = before.chars().filter(c -> c == '\n').count() + 1;
            int column = before.codePointCount(lineStart, before.length()) + 1;
            throw new ConfigException(path + ":" + line + ":" + column + ": not UTF-8 text (byte 0x"
                    + HexFormat.of().toHexDigits(bytes[in.position()]) + ")");
        }
        return out.flip().toString();
    }

    /**
     * The sections, parsed once: relative paths resolve against the real file's directory, whose
     * bytes are the ones hashed for trust, and messages name the real file.
     */
    public Map<String, ConfigSection> sections() throws ConfigException {
        if (sections == null) {
            sections = SandboxConfig.sections(realPath, text());
        }
        return sections;
    }

    /** The operating system's reason for an I/O failure, without Java's exception names. */
    public static String reason(Exception e) {
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return switch (e) {
            case AccessDeniedException a -> "Permission denied";
            case NoSuchFileException n -> "No such file or directory";
            case NotDirectoryException n -> "Not a directory";
            case FileSystemLoopException l -> "Too many levels of symbolic links";
            default -> String.valueOf(e.getMessage());
        };
    }
}
