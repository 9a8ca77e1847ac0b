package dev.runlock.landlock;

/** A Landlock rule: what one path or one port allows inside the sandbox. */
public sealed interface Rule permits PathRule, PortRule {
    /** Where the rule came from, in the words of whoever granted it (a flag, a config key, auto-import). */
    String origin();
}
