package dev.runlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runlock.landlock.Abi;
import dev.runlock.landlock.kernel.Kernel;
import dev.runlock.landlock.kernel.LinuxKernel;
import dev.runlock.testkit.FakeKernel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One in-process run of {@link RunlockCommand}: status and what it printed.
 *
 * <p>Every run carries {@code --explain}, so a case that wrongly gets past validation prints
 * the sandbox instead of sandboxing the test JVM and replacing it with the command. Runs go to a
 * {@link FakeKernel} of a chosen ABI ({@link #on}), the newest unless a test says otherwise.
 */
record CliRun(int status, String out, String err) {

    /** The environment runs get unless a test says otherwise: enough to find commands. */
    static Map<String, String> baseEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("HOME", "/root");
        return env;
    }

    /** The base environment with {@code SANDBOX_CONFIG} naming {@code file}. */
    static Map<String, String> configuredBy(Path file) {
        Map<String, String> env = baseEnvironment();
        env.put("SANDBOX_CONFIG", file.toString());
        return env;
    }

    /** Runs against one kernel. */
    record On(Supplier<? extends Kernel> kernel) {
        CliRun of(String... args) {
            return with(baseEnvironment(), args);
        }

        CliRun with(Map<String, String> environment, String... args) {
            List<String> all = new ArrayList<>(List.of("--explain"));
            all.addAll(List.of(args));
            return exactly(environment, all.toArray(String[]::new));
        }

        /** A run of exactly {@code args}, no {@code --explain} added: for subcommands and refusals. */
        CliRun exactly(Map<String, String> environment, String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int status;
            try (PrintWriter o = new PrintWriter(out, true); PrintWriter e = new PrintWriter(err, true)) {
                status = RunlockCommand.run(args, environment, o, e, kernel);
            }
            return new CliRun(status, out.toString(), err.toString());
        }
    }

    /** Runs against a fake kernel with Landlock at {@code abi} ({@link Abi#NONE}: without Landlock). */
    static On on(Abi abi) {
        return new On(() -> FakeKernel.of(abi));
    }

    /** Runs against the kernel of this machine. */
    static On onThisKernel() {
        return new On(LinuxKernel::new);
    }

    static CliRun of(String... args) {
        return on(Abi.newest()).of(args);
    }

    static CliRun with(Map<String, String> environment, String... args) {
        return on(Abi.newest()).with(environment, args);
    }

    /** runlock refused: status 1, no stdout, one {@code runlock: error:} line naming all {@code culprits}. */
    CliRun assertRefused(String... culprits) {
        assertThat(status).as("status; stderr: %s", err).isEqualTo(1);
        assertThat(out).as("stdout").isEmpty();
        assertThat(errLines()).as("stderr").singleElement().satisfies(line -> {
            assertThat(line).startsWith("runlock: error: ").contains(culprits);
            assertThat(line).doesNotContain("Exception");
        });
        return this;
    }

    /** runlock printed the sandbox: status 0 and no error line. */
    CliRun assertExplained() {
        assertThat(status).as("status; stderr: %s", err).isZero();
        assertThat(err).as("stderr").doesNotContain("runlock: error");
        assertThat(out).as("stdout").contains("enforcement:");
        return this;
    }

    List<String> outLines() {
        return out.lines().toList();
    }

    List<String> errLines() {
        return err.lines().toList();
    }

    /** The explain line that starts with {@code label}, e.g. {@code "enforcement:"}. */
    String line(String label) {
        return outLines().stream().filter(l -> l.startsWith(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no line '" + label + "' in:\n" + out));
    }

    /** The explain rule lines (indented) that mention {@code text}. */
    List<String> rules(String text) {
        return outLines().stream().filter(l -> l.startsWith("  ") && l.contains(text)).toList();
    }
}
