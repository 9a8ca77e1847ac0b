/**
 * The {@code runlock} command: the {@link dev.runlock.cli.Option} table and its picocli model,
 * the {@link dev.runlock.cli.Setting} table linking each option to its {@code sandbox.toml} key
 * and what it grants, the merge of flags and config into a request, {@code status}, the
 * {@code --explain} printer, and every word a user reads ({@link dev.runlock.cli.Wording},
 * {@link dev.runlock.cli.Log}).
 *
 * <p>Turns core's facts into flags, messages and exit statuses; core spells none of them. May
 * depend on every core package, picocli and {@code dev.runlock.cli.config}.
 */
package dev.runlock.cli;
