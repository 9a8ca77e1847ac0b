package dev.runlock.cli;

import dev.runlock.cli.text.Printable;
import java.io.PrintWriter;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Set;

/**
 * runlock's own messages on stderr, one line each, prefixed {@code runlock: }; what they quote
 * (paths, config keys and values, names from a trace) is shown through {@link Printable}.
 */
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

    /** At debug level, {@code failure} and its causes frame by frame, each line prefixed like any other. */
    public void debug(Throwable failure) {
        if (!enabled(Level.DEBUG)) {
            return;
        }
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            debug((t == failure ? "" : "caused by: ") + t);
            for (StackTraceElement frame : t.getStackTrace()) {
                debug("    at " + frame);
            }
        }
    }

    /** {@code message} as a line of runlock's: prefixed, nothing in it able to drive the terminal. */
    static String line(String message) {
        return "runlock: " + Printable.of(message);
    }

    private void emit(Level l, String message) {
        if (enabled(l)) {
            err.println(line(message));
            err.flush();
        }
    }
}
