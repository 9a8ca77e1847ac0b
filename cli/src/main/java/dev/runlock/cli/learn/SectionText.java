package dev.runlock.cli.learn;

import dev.runlock.cli.config.ConfigKey;
import dev.runlock.cli.trace.TraceText;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** A learned {@code sandbox.toml} section as TOML text, each entry with a comment saying why. */
public final class SectionText {
    private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_-]+");

    private SectionText() {
    }

    /** A key the user gave on learn's command line, carried into the section as is. */
    public record Given(ConfigKey key, Object value) {
    }

    /**
     * @param name the section (the command's basename)
     * @param header comment lines, without {@code #}
     * @param given values from learn's own command line (env, booleans, compat, abi)
     */
    public static String render(String name, List<String> header, List<Requirement> requirements, List<Given> given) {
        StringBuilder out = new StringBuilder("[").append(key(name)).append("]\n");
        header.forEach(h -> out.append("# ").append(h.replace("\n", " ")).append('\n'));
        Map<ConfigKey, List<Requirement>> byKey = new EnumMap<>(ConfigKey.class);
        requirements.forEach(r -> byKey.computeIfAbsent(r.need().key(), k -> new ArrayList<>()).add(r));
        Map<ConfigKey, Object> givenByKey = new EnumMap<>(ConfigKey.class);
        given.forEach(g -> givenByKey.put(g.key(), g.value()));
        for (ConfigKey key : ConfigKey.values()) {
            List<Requirement> learned = byKey.getOrDefault(key, List.of());
            if (!learned.isEmpty()) {
                out.append(key.tomlName()).append(" = [\n");
                learned.stream().sorted((a, b) -> compare(key, a.target(), b.target())).forEach(r -> out.append("    ")
                        .append(key.type() == ConfigKey.Type.PORTS ? r.target() : string(TraceText.utf8(r.target()).orElseThrow()))
                        .append(",  # ").append(r.reason().replace('\n', ' ')).append('\n'));
                out.append("]\n");
            }
            if (givenByKey.containsKey(key)) {
                out.append(key.tomlName()).append(" = ").append(value(givenByKey.get(key)))
                        .append("  # given on the command line\n");
            }
        }
        return out.toString();
    }

    private static int compare(ConfigKey key, String a, String b) {
        return key.type() == ConfigKey.Type.PORTS ? Integer.compare(Integer.parseInt(a), Integer.parseInt(b))
                : a.compareTo(b);
    }

    /** The section name as a TOML key: bare when it can be, else quoted. */
    public static String key(String name) {
        return BARE_KEY.matcher(name).matches() ? name : string(name);
    }

    private static String value(Object value) {
        if (value instanceof List<?> list) {
            List<String> items = list.stream().map(SectionText::value).toList();
            return "[" + String.join(", ", items) + "]";
        }
        return value instanceof String s ? string(s) : value.toString();
    }

    /** A TOML basic string: quotes, backslashes and control characters escaped. */
    static String string(String text) {
        StringBuilder out = new StringBuilder("\"");
        text.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04X", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.append('"').toString();
    }
}
