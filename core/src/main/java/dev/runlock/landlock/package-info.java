/**
 * The Landlock model: ABIs, rights, scopes and flags (each knowing its bit and the ABI that
 * introduced it), rules, rulesets, the kernel's support and the pure {@link dev.runlock.landlock.Downgrade}
 * from a requested ruleset to a plan.
 *
 * <p>Owns facts, not words for a user interface: results say which right, which rule, which ABI
 * and why; no command-line flag or message prefix is spelled here. Pure: no I/O. Depends on
 * nothing but the JDK; must not depend on {@code dev.runlock.landlock.kernel}, {@code elf},
 * {@code sandbox} or the cli.
 */
package dev.runlock.landlock;
