package dev.runlock.kernels;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * A host command run to completion with a time limit; output is captured, never inherited.
 *
 * @param label   what the command does, for failure messages
 * @param argv    program and arguments
 * @param timeout how long it may take
 */
public record Command(String label, List<String> argv, Duration timeout) {

    public Command {
        argv = List.copyOf(argv);
    }

    /** A {@code bash -c} script with positional arguments {@code $1...}. */
    public static Command bash(String label, String script, Duration timeout, String... args) {
        List<String> argv = new ArrayList<>(List.of("bash", "-c", script, "bash"));
        argv.addAll(List.of(args));
        return new Command(label, argv, timeout);
    }

    /** Runs the command and returns its standard output as text. */
    public String run() {
        return new String(runForBytes(), StandardCharsets.UTF_8);
    }

    /** Runs the command and returns its standard output; fails naming the command otherwise. */
    public byte[] runForBytes() {
        try {
            Path log = Files.createTempFile("runlock-kernels-", ".out");
            Path err = Files.createTempFile("runlock-kernels-", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(argv).redirectOutput(log.toFile()).redirectError(err.toFile());
                OptionalInt status = BoundedProcess.run(builder, timeout);
                if (status.isEmpty()) {
                    throw new KernelRunException(label + " timed out after " + timeout.toSeconds() + " s");
                }
                if (status.getAsInt() != 0) {
                    throw new KernelRunException(label + " exited with " + status.getAsInt() + ": "
                            + lastLine(Files.readString(err)));
                }
                return Files.readAllBytes(log);
            } finally {
                Files.deleteIfExists(log);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + label, e);
        }
    }

    private static String lastLine(String text) {
        List<String> lines = text.strip().lines().toList();
        return lines.isEmpty() ? "(no error output)" : lines.getLast();
    }
}
