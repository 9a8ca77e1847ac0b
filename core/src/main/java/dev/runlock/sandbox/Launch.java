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
 */
public record Launch(String path, List<String> argv, List<String> env, Set<Integer> keepFds) {
    public Launch {
        argv = List.copyOf(argv);
        env = List.copyOf(env);
        keepFds = Set.copyOf(keepFds);
    }
}
