package dev.runlock.cli.config;

import java.util.Optional;

/**
 * One variable to pass to the command: {@code KEY=VALUE}, or {@code KEY} for the value runlock
 * itself got.
 *
 * @param value empty for {@code KEY} alone
 */
public record EnvSpec(String name, Optional<String> value) {

    /** Parses {@code KEY} or {@code KEY=VALUE}; the message names a spec without a name. */
    public static EnvSpec parse(String spec) {
        int eq = spec.indexOf('=');
        if (eq == 0 || spec.isEmpty()) {
            throw new IllegalArgumentException("'" + spec + "' has no variable name");
        }
        return eq < 0 ? new EnvSpec(spec, Optional.empty())
                : new EnvSpec(spec.substring(0, eq), Optional.of(spec.substring(eq + 1)));
    }
}
