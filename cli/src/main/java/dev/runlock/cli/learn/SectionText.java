package dev.runlock.cli.learn;

import dev.runlock.cli.config.ConfigKey;
import dev.runlock.cli.text.Printable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** A learned {@code sandbox.toml} section as TOML text, each value with a comment saying why. */
public final class SectionText {
    private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_-]+");

    private SectionText() {
    }

    /**
     * One value for {@code key}: an element of an array key (a {@code String} or {@code Integer}),
     * a whole list, or a scalar ({@code Boolean}, {@code String}, {@code Integer}).
     */
    public record Entry(ConfigKey key, Object value, String why) {
    }

    /**
     * @param name the section (the command's basename)
     * @param header comment lines, without {@code #}
     */
    public static String render(String name, List<String> header, List<Entry> entries) {
        StringBuilder out = new StringBuilder("[").append(key(name)).append("]\n");
        header.forEach(h -> out.append("# ").append(oneLine(h)).append('\n'));
        Map<ConfigKey, List<Entry>> byKey = new EnumMap<>(ConfigKey.class);
        entries.forEach(e -> byKey.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e));
        byKey.forEach((key, values) -> {
            boolean elements = values.stream().noneMatch(e -> e.value() instanceof List<?>)
                    && switch (key.type()) {
                        case STRINGS, PORTS, INTEGERS, ENV -> true;
                        default -> false;
                    };
            if (elements) {
                out.append(key.tomlName()).append(" = [\n");
                values.stream().sorted(Comparator.comparing(e -> sortKey(e.value()))).forEach(e -> out.append("    ")
                        .append(value(e.value())).append(",  # ").append(oneLine(e.why())).append('\n'));
                out.append("]\n");
            } else {
                values.forEach(e -> out.append(key.tomlName()).append(" = ").append(value(e.value())).append("  # ")
                        .append(oneLine(e.why())).append('\n'));
            }
        });
        return out.toString();
    }

    private static String sortKey(Object value) {
        return value instanceof Integer i ? String.format("%06d", i) : value.toString();
    }

    /**
     * A comment's text: TOML allows no control character in a comment, and the section is also
     * printed on the terminal, so whatever is not {@link Printable#shown} is escaped.
     */
    private static String oneLine(String text) {
        return Printable.of(text.replace('\n', ' ').replace('\r', ' '));
    }

    /** The section name as a TOML key: bare when it can be, else quoted. */
    public static String key(String name) {
        return BARE_KEY.matcher(name).matches() ? name : string(name);
    }

    private static String value(Object value) {
        if (value instanceof List<?> list) {
            return "[" + String.join(", ", list.stream().map(SectionText::value).toList()) + "]";
        }
        return value instanceof String s ? string(s) : value.toString();
    }

    /**
     * A TOML basic string: quotes, backslashes and every character {@link Printable} would not show
     * escaped (TOML forbids control characters raw; bidi and zero-width ones are kept off the terminal).
     */
    static String string(String text) {
        StringBuilder out = new StringBuilder("\"");
        text.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    // a lone surrogate (a byte that was not UTF-8) has no TOML escape; written, it becomes '?'
                    if (!Printable.shown(c) && Character.getType(c) != Character.SURROGATE) {
                        out.append(String.format(c > 0xffff ? "\\U%08X" : "\\u%04X", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.append('"').toString();
    }
}
