/**
 * Which configuration file applies and whether to believe it: finding {@code $SANDBOX_CONFIG} or
 * {@code ./sandbox.toml}, OpenSSH-like StrictModes on the file and the way to it, reading it once
 * within bounds, and the user's trust store for files found in the working directory.
 *
 * <p>Owns the file system side of configuration; parsing the TOML is {@code dev.runlock.cli.config}'s,
 * on the text handed over here. Depends only on that package's {@code ConfigException} and the JDK;
 * nothing here is loaded on a run without a config file beyond {@link dev.runlock.cli.trust.ConfigLocation}.
 */
package dev.runlock.cli.trust;
