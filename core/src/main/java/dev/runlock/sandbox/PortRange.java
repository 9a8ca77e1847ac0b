package dev.runlock.sandbox;

/** An inclusive range of ports, {@code 8080} or {@code 8000-8100}. */
public record PortRange(int from, int to) {
    public PortRange {
        if (from < 0 || to > 65535 || from > to) {
            throw new IllegalArgumentException("invalid port range " + from + "-" + to);
        }
    }

    /** Parses {@code N} or {@code N-M}, each 0-65535; the message names the bad text. */
    public static PortRange parse(String text) {
        String t = text.trim();
        int dash = t.indexOf('-', 1);
        if (dash < 0) {
            int port = port(t, text);
            return new PortRange(port, port);
        }
        int from = port(t.substring(0, dash), text);
        int to = port(t.substring(dash + 1), text);
        if (from > to) {
            throw new IllegalArgumentException("invalid port range '" + text + "': " + from + " is above " + to);
        }
        return new PortRange(from, to);
    }

    private static int port(String digits, String whole) {
        if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("invalid port '" + whole + "': ports are numbers 0-65535, ranges N-M");
        }
        int port = Integer.parseInt(digits);
        if (port > 65535) {
            throw new IllegalArgumentException("invalid port '" + whole + "': " + port + " is above 65535");
        }
        return port;
    }

    @Override
    public String toString() {
        return from == to ? Integer.toString(from) : from + "-" + to;
    }
}
