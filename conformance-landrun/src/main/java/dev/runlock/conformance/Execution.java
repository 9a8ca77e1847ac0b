package dev.runlock.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The one way every case runs an implementation: a process in the fixture, bounded in time. */
public final class Execution {
    /** test.sh exports this before its environment cases; it must not leak into the sandbox. */
    public static final String TEST_ENV_VAR = "TEST_ENV_VAR";
    public static final String TEST_ENV_VALUE = "test_value_123";
    /** How long one run may take: {@code conformance.timeout} seconds, 60 unless emulated guests need more. */
    private static final Duration TIMEOUT = Duration.ofSeconds(Long.getLong("conformance.timeout", 60));
    /** Variables of the harness's own environment that would change what the implementation does. */
    private static final List<String> SCRUBBED = List.of("LANDRUN_LOG_LEVEL", "RUNLOCK_LOG_LEVEL", "SANDBOX_CONFIG");

    private Execution() {
    }

    /** Runs the invocation for the target in the fixture's directory and returns what the caller saw. */
    public static Outcome run(Target target, Invocation invocation, Fixture fixture)
            throws IOException, InterruptedException {
        return run(invocation.commandLine(target), invocation.env(), fixture.root());
    }

    /** Runs a command line in a directory, with the harness's environment plus the given variables. */
    static Outcome run(List<String> commandLine, Map<String, String> env, Path directory)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("runlock-conformance-", ".out");
        Path err = Files.createTempFile("runlock-conformance-", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(commandLine).directory(directory.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            SCRUBBED.forEach(builder.environment()::remove);
            builder.environment().put(TEST_ENV_VAR, TEST_ENV_VALUE);
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("timed out after " + TIMEOUT.toSeconds() + " s: " + String.join(" ", commandLine));
            }
            return new Outcome(process.exitValue(), new String(Files.readAllBytes(out), StandardCharsets.UTF_8),
                    new String(Files.readAllBytes(err), StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
