package dev.runlock.conformance;

/** Labels that select or gate cases. */
public enum Tag {
    /** Needs a route to the internet; skipped when there is none. */
    INTERNET
}
