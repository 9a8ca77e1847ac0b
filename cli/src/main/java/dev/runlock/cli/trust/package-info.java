/**
 * Which configuration file applies and whether to believe it: finding {@code $SANDBOX_CONFIG} or
 * {@code ./sandbox.toml}, OpenSSH-like StrictModes on the file and the way to it, reading it once
 * within bounds, and the user's trust store for files found in the working directory.
 *
 * <p>Owns the file system side of configuration: trust is a decision about a config in a place, and
 * covers what its path entries resolve to. Parsing the TOML is {@code dev.runlock.cli.config}'s, on
 * the text handed over here; depends only on that package and the JDK; nothing here is loaded on a
 * run without a config file beyond {@link dev.runlock.cli.trust.ConfigLocation}.
 */
package dev.runlock.cli.trust;
