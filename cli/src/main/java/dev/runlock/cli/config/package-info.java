/**
 * {@code sandbox.toml}: finding it, refusing files others could have written, and parsing each
 * section once into typed values ({@link dev.runlock.cli.config.ConfigSection}), with errors
 * that name the file, line and key.
 *
 * <p>Owns the key names and their types, not what they grant (that is the cli's
 * {@code Setting} table). May depend on tomlj and core's value types; must not depend on
 * {@code dev.runlock.cli}.
 */
package dev.runlock.cli.config;
