package dev.runlock.conformance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One command line for the implementation under test.
 *
 * @param wrapper words run before the binary (e.g. a shell that opens a descriptor, then execs)
 * @param args options and command after the binary, exactly as a user types them
 * @param env variables added to the caller's environment
 * @param sandbox whether the run gets the target's prefix: pin, and best effort when asked
 * @param bestEffort whether to spell best effort (landrun's run_test adds it, run_test_strict not)
 * @param autoImport whether to spell auto-import (runlock needs nothing, landrun --add-exec --ldd)
 */
public record Invocation(List<String> wrapper, List<String> args, Map<String, String> env, boolean sandbox,
        boolean bestEffort, boolean autoImport) {

    public Invocation {
        wrapper = List.copyOf(wrapper);
        args = List.copyOf(args);
        env = Map.copyOf(env);
    }

    /** A sandboxed run in best-effort mode, as landrun's run_test does. */
    public static Invocation sandbox(String... args) {
        return new Invocation(List.of(), List.of(args), Map.of(), true, true, false);
    }

    /** A run whose words are passed as they are (subcommands, bad input). */
    public static Invocation raw(String... args) {
        return new Invocation(List.of(), List.of(args), Map.of(), false, false, false);
    }

    /** Without best effort, as landrun's run_test_strict does. */
    public Invocation strict() {
        return new Invocation(wrapper, args, env, sandbox, false, autoImport);
    }

    /** With the dialect's spelling of auto-import. */
    public Invocation autoImported() {
        return new Invocation(wrapper, args, env, sandbox, bestEffort, true);
    }

    public Invocation withEnv(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(env);
        more.put(key, value);
        return new Invocation(wrapper, args, more, sandbox, bestEffort, autoImport);
    }

    /** Runs the binary from {@code bash -c 'SETUP; exec "$@"'}, so SETUP shapes what it inherits. */
    public Invocation wrappedIn(String setup) {
        return new Invocation(List.of("bash", "-c", setup + "; exec \"$@\"", "wrapper"), args, env, sandbox,
                bestEffort, autoImport);
    }

    /** The full command line for a target. */
    List<String> commandLine(Target target) {
        List<String> line = new ArrayList<>(wrapper);
        line.add(target.implementation().binary().toString());
        if (sandbox) {
            line.addAll(target.pinOptions());
            if (bestEffort) {
                line.addAll(target.dialect().bestEffort());
            }
        }
        if (autoImport) {
            line.addAll(target.dialect().autoImport());
        }
        line.addAll(args);
        return line;
    }
}
