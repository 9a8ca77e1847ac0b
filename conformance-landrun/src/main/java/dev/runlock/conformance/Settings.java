package dev.runlock.conformance;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;

/**
 * What a suite run judges, read from JUnit configuration parameters (or system properties):
 * {@code conformance.impl}, {@code .binary}, {@code .abi}, {@code .subset}, {@code .cases} (ids), {@code .matrix}
 * (host ABI plus every pin from 1 to it) and {@code .requires} (a file whose absence skips the run).
 */
public record Settings(Implementation implementation, OptionalInt pin, Subset subset, Set<String> only,
        boolean matrix, Optional<Path> requires) {
    static final String PREFIX = "conformance.";

    /** Reads the settings; a bad value is an {@link IllegalArgumentException} naming it. */
    public static Settings from(Function<String, Optional<String>> parameters) {
        Function<String, Optional<String>> get = key -> parameters.apply(PREFIX + key).filter(v -> !v.isBlank());
        Dialect dialect = get.apply("impl").map(v -> parse(Dialect.class, "--impl", v)).orElse(Dialect.RUNLOCK);
        Path binary = Path.of(get.apply("binary").orElseThrow(() -> new IllegalArgumentException("--binary is required")))
                .toAbsolutePath().normalize();
        OptionalInt pin = get.apply("abi").map(v -> OptionalInt.of(number("--abi", v))).orElse(OptionalInt.empty());
        if (pin.isPresent() && !dialect.has(Capability.ABI_PIN)) {
            throw new IllegalArgumentException("--abi: " + dialect.id() + " has no --abi option");
        }
        Subset subset = get.apply("subset").map(v -> parse(Subset.class, "--subset", v)).orElse(Subset.ALL);
        Set<String> only = get.apply("cases").map(v -> Set.of(v.split(","))).orElse(Set.of());
        return new Settings(new Implementation(binary, dialect), pin, subset, only,
                get.apply("matrix").map(Boolean::parseBoolean).orElse(false), get.apply("requires").map(Path::of));
    }

    /** The subset's cases, narrowed to {@code only} when given. */
    public List<Case> cases() {
        return subset.cases(implementation).stream().filter(c -> only.isEmpty() || only.contains(c.id())).toList();
    }

    static <E extends Enum<E>> E parse(Class<E> type, String option, String value) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": unknown value '" + value + "'");
        }
    }

    static int number(String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + ": not a non-negative number: '" + value + "'");
    }
}
