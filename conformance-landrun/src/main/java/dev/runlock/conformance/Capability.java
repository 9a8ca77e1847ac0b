package dev.runlock.conformance;

/** Something a case needs from an implementation beyond landrun's command line. */
public enum Capability {
    ABI_PIN("--abi"),
    UDP("--bind-udp/--connect-udp"),
    COMPAT("--compat"),
    PORT_RANGES("port ranges"),
    STATUS("the status subcommand"),
    EXPLAIN("--explain"),
    CONFIG("sandbox.toml"),
    KEEP_FD("--keep-fd"),
    SCRIPT_IMPORT("auto-import of scripts and symlinks"),
    DISABLE_IMPORT("-d (auto-import is not on by default)"),
    OWN_ERRORS("one-line 'runlock:' errors"),
    TERMINAL_GUARD("no_new_privs and the terminal guard when nothing is restricted");

    private final String description;

    Capability(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
