/**
 * Persistence points: the one table of paths that code outside the sandbox runs or trusts later,
 * which presets never grant writable and {@code --explain} (and {@code learn}) name when a grant opens one.
 */
package dev.runlock.cli.persistence;
