package dev.runlock.cli;

import dev.runlock.landlock.kernel.LinuxKernel;

/** Entry point: {@code runlock [OPTIONS] <COMMAND> [ARGS]...}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        LinuxKernel.prepareInBackground();
        int status;
        try {
            status = RunlockCommand.run(Caller.arguments(args), Caller.environment(System.getenv()), LinuxKernel::new);
        } catch (StackOverflowError e) {
            status = fail("runlock ran out of stack space (StackOverflowError); the input nests too deeply");
        } catch (OutOfMemoryError e) {
            status = fail("runlock ran out of memory (" + e.getMessage() + "); the input is too large");
        }
        System.exit(status);
    }

    private static int fail(String message) {
        System.err.println("runlock: error: " + message);
        return 1;
    }
}
