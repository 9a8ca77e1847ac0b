package dev.runlock.sandbox;

import java.util.List;
import java.util.Set;

/**
 * What to exec once sandboxed.
 *
 * @param path the resolved executable
 * @param argv the arguments, {@code argv[0]} as the user typed it
 * @param env exactly the environment the command gets, {@code KEY=VALUE}
 * @param keepFds inherited descriptors above 2 the command keeps; all others are closed
 * @param ignoredSignals the signals runlock's caller ignored (a SigIgn mask): they stay ignored
 */
public record Launch(String path, List<String> argv, List<String> env, Set<Integer> keepFds, long ignoredSignals) {
    /** The system property through which the launcher hands over its caller's SigIgn mask (hex). */
    public static final String CALLER_SIGIGN_PROPERTY = "runlock.caller.sigign";

    public Launch {
        argv = List.copyOf(argv);
        env = List.copyOf(env);
        keepFds = Set.copyOf(keepFds);
    }

    /**
     * The signals runlock's caller ignored, as the launcher saw them before the JVM installed its
     * own handlers; 0 when runlock was started without the launcher.
     */
    public static long ignoredByCaller() {
        try {
            return Long.parseUnsignedLong(System.getProperty(CALLER_SIGIGN_PROPERTY, "0"), 16);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
