package dev.runlock.elf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Host tools the tests use as oracles or to build fixtures, each run with a timeout. */
final class Tools {

    private static final long TIMEOUT_SECONDS = 120;

    private Tools() {}

    /** A program on this JVM's PATH. */
    static Optional<Path> find(String name) {
        return Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":"))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** Runs a command and returns its output; throws if it fails or takes too long. */
    static String run(String... command) throws IOException, InterruptedException {
        Result result = tryRun(List.of(command));
        if (result.status != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + result.status + "): " + result.output);
        }
        return result.output;
    }

    /** What a command printed (stdout and stderr together) and its exit status. */
    record Result(int status, String output) {}

    static Result tryRun(List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("runlock-tool", ".log");
        try {
            // Output goes to a file so that the timeout holds even if the tool never closes it.
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(command + " timed out");
            }
            return new Result(process.exitValue(), new String(Files.readAllBytes(log), StandardCharsets.UTF_8));
        } finally {
            Files.delete(log);
        }
    }
}
