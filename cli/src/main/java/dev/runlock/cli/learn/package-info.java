/**
 * What {@code learn} makes of a trace: {@link dev.runlock.cli.learn.Compaction} from operations
 * to a few reviewable requirements, {@link dev.runlock.cli.learn.SectionText} to TOML, and
 * {@link dev.runlock.cli.learn.ConfigEditor} to put the section into a file.
 *
 * <p>Owns the compaction rules, not the option or key a requirement becomes: the cli finds
 * those through its {@code Setting} table from {@link dev.runlock.cli.learn.Need}'s core fact.
 * May depend on {@code dev.runlock.cli.trace}, {@code dev.runlock.cli.config}, {@code dev.runlock.cli.text},
 * core's value types and tomlj; must not depend on {@code dev.runlock.cli}.
 */
package dev.runlock.cli.learn;
