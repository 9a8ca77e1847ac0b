package dev.runlock.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs one command to completion per call, output discarded, as a shell would for a user. */
final class Processes {
    private static final long TIMEOUT_SECONDS = 120;

    private Processes() {
    }

    /**
     * Runs {@code command}; its standard error goes to {@code errors} so a failure can be shown.
     *
     * @throws IllegalStateException if the command fails or outlives the timeout
     */
    static int run(List<String> command, Path errors) {
        return run(command, Map.of(), errors);
    }

    /** As {@link #run(List, Path)}, with {@code environment} added to the command's. */
    static int run(List<String> command, Map<String, String> environment, Path errors) {
        return run(command, environment, errors, ProcessBuilder.Redirect.DISCARD);
    }

    /** What {@code command} prints, for a benchmark's setup. */
    static String output(List<String> command) {
        try {
            Path out = Files.createTempFile("runlock-bench", ".out");
            Path errors = Files.createTempFile("runlock-bench", ".err");
            try {
                run(command, Map.of(), errors, ProcessBuilder.Redirect.to(out.toFile()));
                return Files.readString(out);
            } finally {
                Files.delete(out);
                Files.delete(errors);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int run(List<String> command, Map<String, String> environment, Path errors,
            ProcessBuilder.Redirect output) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(output)
                .redirectError(errors.toFile());
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + ": still running after "
                        + TIMEOUT_SECONDS + " s");
            }
            int status = process.exitValue();
            if (status != 0) {
                throw new IllegalStateException(String.join(" ", command) + ": exit status " + status + ": "
                        + Files.readString(errors).strip());
            }
            return status;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.getFirst(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.getFirst(), e);
        }
    }
}
