/**
 * Reading strace's output for {@code learn} and {@code diagnose}: its lines
 * ({@link dev.runlock.cli.trace.StraceLines}), file names as byte strings
 * ({@link dev.runlock.cli.trace.TraceText}), and what the traced command did that Landlock
 * decides on ({@link dev.runlock.cli.trace.Observer}, {@link dev.runlock.cli.trace.Operation}).
 *
 * <p>The trace is hostile input (the command picks its file names): everything here is parsing
 * only, no I/O, and a line of unexpected shape is skipped. Must not depend on
 * {@code dev.runlock.cli} or core; names are shown through {@code dev.runlock.cli.text}.
 */
package dev.runlock.cli.trace;
