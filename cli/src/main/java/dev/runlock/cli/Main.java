package dev.runlock.cli;

import dev.runlock.landlock.kernel.LinuxKernel;
import java.util.HashMap;
import java.util.Map;

/** Entry point: {@code runlock [OPTIONS] <COMMAND> [ARGS]...}. */
public final class Main {
    private Main() {
    }

    /** Set by the launcher when it switched the JVM to a UTF-8 locale: the caller's LC_ALL. */
    static final String CALLER_LC_ALL_PROPERTY = "runlock.caller.lc_all";

    public static void main(String[] args) {
        LinuxKernel.prepareInBackground();
        System.exit(RunlockCommand.run(args, callerEnvironment()));
    }

    /** runlock's environment as its caller set it, undoing the launcher's locale switch. */
    private static Map<String, String> callerEnvironment() {
        String lcAll = System.getProperty(CALLER_LC_ALL_PROPERTY);
        if (lcAll == null) {
            return System.getenv();
        }
        Map<String, String> env = new HashMap<>(System.getenv());
        if (lcAll.startsWith("set:")) {
            env.put("LC_ALL", lcAll.substring("set:".length()));
        } else {
            env.remove("LC_ALL");
        }
        return env;
    }
}
