package dev.runlock.sandbox;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What to exec once sandboxed. Path, arguments and variables are
 * {@link dev.runlock.os.ByteStrings}: the command gets their exact bytes.
 *
 * @param path the resolved executable
 * @param argv the arguments, {@code argv[0]} as the user typed it
 * @param env exactly the environment the command gets, {@code KEY=VALUE}
 * @param keepFds inherited descriptors above 2 the command keeps; all others are closed
 * @param ignoredSignals the signals runlock's caller ignored (a SigIgn mask): they stay ignored
 * @param directory an open descriptor of the working directory to run in, when runlock runs
 *     elsewhere (the caller's was deleted); closed by the exec
 * @param newSession whether the command starts a new session, without a controlling terminal
 * @param keepCapabilities whether the command keeps runlock's capabilities; otherwise it starts with
 *     none, also when run by root (empty bounding, ambient, inheritable, permitted, effective sets)
 * @param parent when present, runlock's parent process: the command is killed when it ends (a
 *     tracer that is killed must not leave the command running, untraced, under init)
 */
public record Launch(String path, List<String> argv, List<String> env, Set<Integer> keepFds, long ignoredSignals,
                     OptionalInt directory, boolean newSession, boolean keepCapabilities, OptionalLong parent) {

    public Launch {
        argv = List.copyOf(argv);
        env = List.copyOf(env);
        keepFds = Set.copyOf(keepFds);
    }

    /** Runs in runlock's working directory and session, without capabilities. */
    public Launch(String path, List<String> argv, List<String> env, Set<Integer> keepFds, long ignoredSignals) {
        this(path, argv, env, keepFds, ignoredSignals, OptionalInt.empty(), false, false, OptionalLong.empty());
    }
}
