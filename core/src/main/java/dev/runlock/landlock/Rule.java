package dev.runlock.landlock;

/** A Landlock rule: what one path or one port allows inside the sandbox. */
public sealed interface Rule permits PathRule, PortRule {
    /** Where the rule came from, for {@code --explain} (e.g. {@code --ro}, {@code auto-import}). */
    String origin();
}
