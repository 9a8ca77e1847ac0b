package dev.runlock.landlock;

import java.util.EnumSet;
import java.util.Set;

/** Landlock errata: kernel bug fixes reported by {@code LANDLOCK_CREATE_RULESET_ERRATA}. */
public enum Erratum {
    /** Since the fix, TCP rights cover only real TCP sockets: MPTCP, SCTP and SMC escape them. */
    TCP_SOCKET_IDENTIFICATION(1, Abi.V4, "TCP rights apply to TCP sockets only"),
    /** Threads of one process may always signal each other. */
    SCOPED_SIGNAL_HANDLING(2, Abi.V6, "scoped signals between threads fixed"),
    /** Closes a REFER bypass through directories moved out of a bind mount. */
    DISCONNECTED_DIRECTORY(3, Abi.V1, "disconnected directory handling fixed");

    private final int number;
    private final Abi concerns;
    private final String description;

    Erratum(int number, Abi concerns, String description) {
        this.number = number;
        this.concerns = concerns;
        this.description = description;
    }

    public int number() {
        return number;
    }

    public long bit() {
        return 1L << (number - 1);
    }

    public Abi concerns() {
        return concerns;
    }

    public String description() {
        return description;
    }

    /** The known errata in a kernel mask; unknown bits are ignored. */
    public static Set<Erratum> in(long mask) {
        EnumSet<Erratum> set = EnumSet.noneOf(Erratum.class);
        for (Erratum e : values()) {
            if ((mask & e.bit()) != 0) {
                set.add(e);
            }
        }
        return set;
    }
}
