/**
 * Text as runlock shows it to a person ({@link dev.runlock.cli.text.Printable}): what runlock did
 * not write itself (file names, config keys and values, the environment, a traced program's name)
 * may hold characters a terminal obeys or that reorder or hide the line, so they are shown as
 * escapes instead.
 *
 * <p>Depends only on the JDK; every other cli package may use it.
 */
package dev.runlock.cli.text;
