package dev.runlock.conformance;

import static dev.runlock.conformance.ConfigCases.configured;
import static dev.runlock.conformance.ConfigCases.errorAt;
import static dev.runlock.conformance.ConfigCases.trustStore;
import static dev.runlock.conformance.Expectation.exit;
import static dev.runlock.conformance.Fixture.RW;
import static dev.runlock.conformance.Invocation.raw;
import static dev.runlock.conformance.Invocation.sandbox;
import static dev.runlock.conformance.OwnCases.own;
import static dev.runlock.conformance.Words.line;

import java.nio.file.Files;
import java.util.List;

/**
 * Own cases: inputs that must never widen the sandbox (empty paths, a config nobody trusted):
 * issue 12 §1, §3. Each checks that the file the command would create is absent, which neither
 * runlock's refusal (status 1) nor a denial can be mistaken for.
 */
final class HardeningCases {
    private HardeningCases() {
    }

    static List<Case> all() {
        return List.of(
                own("R91", "an empty --rw grants nothing (not the working directory)",
                        f -> sandbox("--rw", "", "--", "touch", "new.txt").autoImported(),
                        exit(1).and(absent("new.txt"))),
                own("R92", "an empty item in a comma list is refused", f -> raw(line("--rw " + RW + ",,/tmp -- true")),
                        exit(1).and(Check.oneErrorLine("--rw"))).requires(Capability.OWN_ERRORS),
                configured("R93", "an empty path in sandbox.toml is refused at its line", f -> "[touch]\nrw = [\"\"]\n",
                        "touch new.txt", exit(1).and(errorAt(2)).and(absent("new.txt"))),
                own("R94", "an untrusted ./sandbox.toml is refused, naming the command that trusts it", f -> {
                    f.write("sandbox.toml", "[touch]\nunrestricted_filesystem = true\n", false);
                    return trustStore(f, sandbox(line("-- touch new.txt")));
                }, exit(1).and(Check.oneErrorLine("runlock trust")).and(absent("new.txt"))).requires(Capability.CONFIG));
    }

    private static Check absent(String relative) {
        return new Check(relative + " does not exist", (o, f) -> !Files.exists(f.path(relative)));
    }
}
