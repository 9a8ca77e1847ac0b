package dev.runlock.cli.config;

/** {@code sandbox.toml} is unusable; the message names the file and, where known, line and column. */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
