package dev.runlock.cli.config;

import java.util.List;
import java.util.Map;

/** An {@code env} entry naming variables: {@code KEY}, or {@code PREFIX*} for every variable starting with PREFIX. */
public final class EnvPattern {
    private EnvPattern() {
    }

    /** Whether {@code spec} (without {@code =}) names variable {@code name}. */
    public static boolean matches(String spec, String name) {
        return spec.endsWith("*") ? name.startsWith(spec.substring(0, spec.length() - 1)) : name.equals(spec);
    }

    /** The variables of {@code environment} that {@code spec} names, sorted. */
    public static List<String> names(String spec, Map<String, String> environment) {
        if (!spec.endsWith("*")) {
            return environment.containsKey(spec) ? List.of(spec) : List.of();
        }
        return environment.keySet().stream().filter(name -> matches(spec, name)).sorted().toList();
    }
}
