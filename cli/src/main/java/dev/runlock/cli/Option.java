package dev.runlock.cli;

import dev.runlock.landlock.Abi;
import java.util.Arrays;
import java.util.List;

/** Every option of {@code runlock}, in help order: its names, what it takes and its help line. */
enum Option {
    LOG_LEVEL(Kind.VALUE, "LEVEL", "error, warn, info or debug (default warn; env RUNLOCK_LOG_LEVEL, LANDRUN_LOG_LEVEL)",
            "--log-level"),
    RO(Kind.LIST, "PATH", "Allow reading PATH (and beneath it)", "--ro"),
    LS(Kind.LIST, "PATH", "Allow listing directory PATH and those beneath it, not reading their files", "--ls"),
    ROX(Kind.LIST, "PATH", "Allow reading and executing PATH", "--rox"),
    RW(Kind.LIST, "PATH", "Allow reading and writing PATH", "--rw"),
    RWX(Kind.LIST, "PATH", "Allow reading, writing and executing PATH", "--rwx"),
    UNIX(Kind.LIST, "PATH", "Allow connecting to the pathname UNIX socket PATH (Landlock ABI 9)", "--unix"),
    BIND_TCP(Kind.LIST, "PORT", "Allow binding TCP PORT or range N-M", "--bind-tcp"),
    CONNECT_TCP(Kind.LIST, "PORT", "Allow connecting to TCP PORT or range N-M", "--connect-tcp"),
    BIND_UDP(Kind.LIST, "PORT", "Allow binding UDP PORT or range N-M (ABI 10)", "--bind-udp"),
    CONNECT_UDP(Kind.LIST, "PORT", "Allow connecting/sending to UDP PORT or range N-M (ABI 10)", "--connect-udp"),
    ENV(Kind.REPEATED, "KEY[=VALUE]",
            "Pass KEY (its current value), every variable KEY* names, or KEY=VALUE to the command; nothing else is passed",
            "--env"),
    PRESET(Kind.LIST, "NAME", "Add the grants of built-in preset NAME, e.g. dev,tmp,dns (runlock presets lists them)",
            "--preset"),
    UNRESTRICTED_FILESYSTEM(Kind.SWITCH, "", "Do not restrict the filesystem", "--unrestricted-filesystem"),
    UNRESTRICTED_NETWORK(Kind.SWITCH, "", "Do not restrict TCP or UDP", "--unrestricted-network"),
    UNRESTRICTED_SCOPED(Kind.SWITCH, "", "Do not restrict signals and abstract UNIX sockets (scopes, ABI 6)",
            "--unrestricted-scoped"),
    DISABLE_AUTO_IMPORT(Kind.FLAG, "",
            "Do not grant the command, its interpreters and shared libraries automatically",
            "-d", "--disable-auto-import"),
    ADD_EXEC(Kind.FLAG, "", "landrun's: grant the command's executable (implied by auto-import)", "--add-exec"),
    LDD(Kind.FLAG, "", "landrun's: grant the command's shared libraries (implied by auto-import)", "--ldd"),
    BEST_EFFORT(Kind.FLAG, "", "landrun's: accepted; best effort is the default", "--best-effort"),
    COMPAT(Kind.VALUE, "LEVEL",
            "best (default): drop what the kernel lacks; warn if a grant or flag, the Landlock " + Abi.baseline()
                    + " baseline (or the --abi pin) is missing; soft: then run with no sandbox; hard: then refuse to run",
            "--compat"),
    STRICT(Kind.FLAG, "", "Same as --compat hard", "--strict"),
    ABI(Kind.VALUE, "N", "Use only Landlock rights of ABI N or older, and require all of them (in place of the "
            + Abi.baseline() + " baseline): behave as on a kernel of ABI N", "--abi"),
    KEEP_FD(Kind.LIST, "FD", "Keep inherited descriptor FD open for the command (all others above 2 are closed)",
            "--keep-fd"),
    NEW_SESSION(Kind.FLAG, "", "Run the command in a new session (setsid): no controlling terminal, no terminal signals",
            "--new-session"),
    KEEP_CAPABILITIES(Kind.SWITCH, "",
            "Let the command keep runlock's capabilities (root's, when run by root); by default it has none",
            "--keep-capabilities"),
    IGNORE_MISSING(Kind.SWITCH, "", "Skip granted paths that do not exist instead of failing", "--ignore-missing"),
    LOG_DISABLE_ORIGINATING(Kind.SWITCH, "", "Audit: do not log denials of runlock itself (ABI 7)",
            "--log-disable-originating"),
    LOG_ENABLE_SUBPROCESSES(Kind.SWITCH, "", "Audit: log denials of the command and its children (ABI 7)",
            "--log-enable-subprocesses"),
    LOG_DISABLE_SUBDOMAINS(Kind.SWITCH, "", "Audit: do not log denials from nested sandboxes (ABI 7)",
            "--log-disable-subdomains"),
    EXPLAIN(Kind.FLAG, "", "Print the effective sandbox and exit without running the command", "--explain");

    /** What an option takes, and what it yields when not given. */
    enum Kind {
        /** No value: true when given. */
        FLAG,
        /**
         * {@code --X}, {@code --no-X} or {@code --X=BOOL}: unset (so sandbox.toml decides) unless given.
         * Never a separate argument: as in landrun, {@code --unrestricted-network true} runs {@code true}.
         */
        SWITCH,
        /** One value; the last one given wins. */
        VALUE,
        /** Values separated by commas, the option repeatable. */
        LIST,
        /** One value per occurrence, commas kept (an environment value may hold them). */
        REPEATED
    }

    private final Kind kind;
    private final String label;
    private final String description;
    private final List<String> names;

    Option(Kind kind, String label, String description, String... names) {
        this.kind = kind;
        this.label = label;
        this.description = description;
        this.names = List.of(names);
    }

    Kind kind() {
        return kind;
    }

    /** Whether the values are paths: a value naming an existing path is not split at its commas. */
    boolean takesPaths() {
        return Arrays.stream(Setting.values()).anyMatch(s -> s.option() == this && s.grant() instanceof Grant.Paths);
    }

    /** The value's placeholder in help, e.g. {@code PATH}; empty for flags and switches. */
    String label() {
        return label;
    }

    String description() {
        return description;
    }

    /** Short name first, as help lists them. */
    List<String> names() {
        return names;
    }

    /** The name messages use, e.g. {@code --bind-tcp}. */
    String longName() {
        return names.getLast();
    }
}
