package dev.runlock.cli;

import dev.runlock.os.ByteStrings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * runlock's caller as the launcher ({@code ./runlock}) saw it before the JVM started, handed over
 * in system properties because the JVM changes or hides it: the ignored signals, the descriptors
 * passed, the working directory when it was deleted, the variables kept from the JVM (the locale
 * it switches, the JVM's option variables), and the exact bytes of arguments and variables.
 * The one place that reads the launcher's properties; each has a neutral default without it.
 */
final class Caller {
    /** The caller's SigIgn mask (hex), before the JVM installed its own handlers. */
    static final String SIGIGN_PROPERTY = "runlock.caller.sigign";
    /** The descriptors above 2 the caller passed, comma-separated: the JVM opens others of its own. */
    static final String FDS_PROPERTY = "runlock.caller.fds";
    /** A descriptor of the caller's working directory, which was deleted: the JVM runs in {@code /}. */
    static final String CWD_FD_PROPERTY = "runlock.caller.cwd_fd";
    /**
     * Variables the launcher changed or removed for the JVM, comma-separated; the caller's value of
     * each, if it had one, is in {@link #SHIELDED_PREFIX}{@code NAME}.
     */
    static final String SHIELDED_PROPERTY = "runlock.caller.shielded";
    static final String SHIELDED_PREFIX = "RUNLOCK_SHIELDED_";
    /**
     * Set by learn and diagnose on the runlock they trace: its arguments as hex of their
     * NUL-terminated bytes, because a Java command line cannot pass bytes that are not UTF-8.
     */
    static final String ARGUMENTS_PROPERTY = "runlock.caller.arguments";

    /** What the JVM makes of bytes that are not valid UTF-8. */
    private static final char LOST = '\uFFFD';

    private Caller() {
    }

    /** {@code arguments} as {@link #ARGUMENTS_PROPERTY} carries them. */
    static String carry(List<String> arguments) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (String argument : arguments) {
            bytes.writeBytes(ByteStrings.encode(argument));
            bytes.write(0);
        }
        return HexFormat.of().formatHex(bytes.toByteArray());
    }

    /** The signals the caller ignored (bit N-1 for signal N); none without the launcher. */
    static long ignoredSignals() {
        try {
            return Long.parseUnsignedLong(System.getProperty(SIGIGN_PROPERTY, "0"), 16);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Whether the caller passed descriptor {@code fd} (above 2). */
    static boolean passed(int fd) {
        String listed = System.getProperty(FDS_PROPERTY);
        if (listed == null) {
            return Files.isSymbolicLink(Path.of("/proc/self/fd", Integer.toString(fd)));
        }
        return List.of(listed.split(",")).contains(Integer.toString(fd));
    }

    /** The descriptor of the caller's deleted working directory, where the command must run. */
    static OptionalInt deletedWorkingDirectory() {
        String fd = System.getProperty(CWD_FD_PROPERTY);
        return fd == null || fd.isEmpty() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(fd));
    }

    /**
     * runlock's arguments as {@link ByteStrings}: those {@link #ARGUMENTS_PROPERTY} carries, else
     * {@code decoded} (the JVM's), re-read from {@code /proc/self/cmdline} when the JVM lost bytes
     * that are not UTF-8.
     */
    static String[] arguments(String[] decoded) {
        String carried = System.getProperty(ARGUMENTS_PROPERTY);
        if (carried != null) {
            return ByteStrings.entries(HexFormat.of().parseHex(carried)).toArray(String[]::new);
        }
        if (List.of(decoded).stream().noneMatch(a -> a.indexOf(LOST) >= 0)) {
            return decoded;
        }
        List<String> all = ByteStrings.entries(read("/proc/self/cmdline"));
        if (all.size() < decoded.length) {
            return decoded;
        }
        return all.subList(all.size() - decoded.length, all.size()).toArray(String[]::new);
    }

    /**
     * runlock's environment as the caller set it, values as {@link ByteStrings}: {@code decoded}
     * (the JVM's), re-read from {@code /proc/self/environ} when the JVM lost bytes, with the
     * launcher's changes undone.
     */
    static Map<String, String> environment(Map<String, String> decoded) {
        Map<String, String> env = decoded;
        if (decoded.entrySet().stream().anyMatch(e -> e.getKey().indexOf(LOST) >= 0 || e.getValue().indexOf(LOST) >= 0)) {
            env = new HashMap<>();
            for (String entry : ByteStrings.entries(read("/proc/self/environ"))) {
                int eq = entry.indexOf('=');
                if (eq > 0) {
                    env.putIfAbsent(entry.substring(0, eq), entry.substring(eq + 1));
                }
            }
        }
        String shielded = System.getProperty(SHIELDED_PROPERTY);
        if (shielded == null || shielded.isEmpty()) {
            return env;
        }
        env = new HashMap<>(env);
        for (String name : shielded.split(",")) {
            String value = env.remove(SHIELDED_PREFIX + name);
            if (value == null) {
                env.remove(name);
            } else {
                env.put(name, value);
            }
        }
        return env;
    }

    private static byte[] read(String file) {
        try {
            return Files.readAllBytes(Path.of(file));
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
