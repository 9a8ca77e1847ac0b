/**
 * From a user's {@link dev.runlock.sandbox.Policy} to a running command: grants with their
 * intent and origin, auto-import of a command's closure, the ruleset request
 * ({@link dev.runlock.sandbox.Rulesets}), enforcement ({@link dev.runlock.sandbox.Sandbox}) and
 * the exec hand-over ({@link dev.runlock.sandbox.Exec}).
 *
 * <p>May depend on {@code landlock}, {@code landlock.kernel} and {@code elf}; must not depend on
 * the cli, and, like them, spells no command-line flag: errors carry the offending grant.
 */
package dev.runlock.sandbox;
