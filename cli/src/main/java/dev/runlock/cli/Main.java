package dev.runlock.cli;

/** Entry point: {@code runlock [OPTIONS] <COMMAND> [ARGS]...}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(RunlockCommand.run(args, System.getenv()));
    }
}
