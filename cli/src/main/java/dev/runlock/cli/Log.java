package dev.runlock.cli;

import java.io.PrintWriter;
import java.util.Locale;

/** runlock's own messages on stderr, one line each, prefixed {@code runlock: }. */
public final class Log {
    /** Message levels, most severe first. */
    public enum Level {
        ERROR, WARN, INFO, DEBUG;

        static Level parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid log level '" + text + "' (error, warn, info, debug)");
            }
        }
    }

    private final PrintWriter err;
    private final Level level;

    public Log(PrintWriter err, Level level) {
        this.err = err;
        this.level = level;
    }

    public boolean enabled(Level l) {
        return l.compareTo(level) <= 0;
    }

    public Level level() {
        return level;
    }

    public void error(String message) {
        emit(Level.ERROR, "error: " + message);
    }

    public void warn(String message) {
        emit(Level.WARN, "warning: " + message);
    }

    public void info(String message) {
        emit(Level.INFO, message);
    }

    public void debug(String message) {
        emit(Level.DEBUG, message);
    }

    private void emit(Level l, String line) {
        if (enabled(l)) {
            err.println("runlock: " + line);
            err.flush();
        }
    }
}
