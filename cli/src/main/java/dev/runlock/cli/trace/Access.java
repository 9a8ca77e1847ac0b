package dev.runlock.cli.trace;

/** What a traced operation did to its target, in the terms Landlock checks. */
public enum Access {
    /** Opened a file (or a directory, unless {@link #LIST}) for reading. */
    READ("read"),
    /** Opened a directory to list it. */
    LIST("listed"),
    EXECUTE("executed"),
    /** Opened for writing, or truncated. */
    WRITE("written"),
    /** Opened with O_CREAT: a write, and a new entry in the parent directory if the file did not exist. */
    OPEN_CREATE("opened to create"),
    /** Made a new entry (file, directory, link, node, socket) in the parent directory. */
    CREATE("created"),
    /** Removed an entry from the parent directory, or renamed it away. */
    REMOVE("removed"),
    BIND_TCP("bound"),
    CONNECT_TCP("connected to"),
    BIND_UDP("bound"),
    CONNECT_UDP("sent to"),
    /** Connected to a pathname UNIX socket. */
    CONNECT_UNIX("connected to");

    private final String verb;

    Access(String verb) {
        this.verb = verb;
    }

    /** Past participle for comments and reports, e.g. {@code read}, {@code created}. */
    public String verb() {
        return verb;
    }

    public boolean network() {
        return this == BIND_TCP || this == CONNECT_TCP || this == BIND_UDP || this == CONNECT_UDP;
    }
}
