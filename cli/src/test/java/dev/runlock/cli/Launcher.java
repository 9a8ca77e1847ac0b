package dev.runlock.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code ./runlock} at the repository root as a user would: a fresh process, a small
 * environment ({@code PATH}, {@code HOME}, a UTF-8 locale, the JDK), a working directory of
 * the test's choosing, stdin from /dev/null unless given.
 */
final class Launcher {
    /** The module directory is the working directory of Maven's test JVMs. */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path SCRIPT = ROOT.resolve("runlock");
    private static final Path JAR = ROOT.resolve("cli/target/runlock.jar");
    private long timeoutSeconds = 60;

    private final Path workingDirectory;
    private final Map<String, String> environment = new HashMap<>();
    private final List<String> prefix = new ArrayList<>();
    private Path stdin;

    Launcher(Path workingDirectory) {
        assumeTrue(Files.isReadable(JAR), JAR + " is not built: run ./mvnw -q -DskipTests package");
        this.workingDirectory = workingDirectory;
        environment.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        environment.put("HOME", "/root");
        environment.put("LANG", "C.UTF-8");
        String javaHome = System.getenv("JAVA_HOME");
        if (javaHome != null) {
            environment.put("JAVA_HOME", javaHome);
        }
    }

    Map<String, String> environment() {
        return environment;
    }

    /** Starts runlock (or what comes next) through {@code command}, e.g. a pseudo-terminal or another user. */
    Launcher within(String... command) {
        prefix.addAll(List.of(command));
        return this;
    }

    /**
     * Starts runlock as the unprivileged user {@code nobody} when the tests run as root (as CI does),
     * through {@code runuser}; else as the current, already unprivileged, user.
     */
    Launcher unprivileged() {
        return "root".equals(System.getProperty("user.name")) ? within("/usr/sbin/runuser", "-u", "nobody", "--") : this;
    }

    /** Starts runlock through {@code bash -c SCRIPT}, which gets the launcher as $0 and runlock's arguments. */
    Launcher via(String bashScript) {
        prefix.addAll(List.of("/bin/bash", "-c", bashScript));
        return this;
    }

    /** How long a run may take before it fails the test; 60 s unless set. */
    Launcher timeout(java.time.Duration limit) {
        this.timeoutSeconds = limit.toSeconds();
        return this;
    }

    Launcher stdin(Path file) {
        this.stdin = file;
        return this;
    }

    /** What one run did; {@code status} is 128 + N when the process died of signal N. */
    record Result(int status, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }

        /**
         * stderr's lines but the warning every run gives on a kernel below the baseline ABI (a guest
         * with ABI 2): for tests about another line, which must hold there too.
         */
        List<String> errLinesBesideTheAbiWarning() {
            return err.lines().filter(l -> !l.startsWith("runlock: warning: sandbox partially enforced on Landlock ABI "))
                    .toList();
        }

        Result assertRefused(String... culprits) {
            assertThat(status).as("status; stderr: %s", err).isEqualTo(1);
            assertThat(out).isEmpty();
            assertThat(errLines()).singleElement().asString().startsWith("runlock: error: ").contains(culprits);
            return this;
        }
    }

    Result run(String... args) {
        List<String> command = new ArrayList<>(prefix);
        command.add(SCRIPT.toString());
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("runlock-it", ".out");
            Path err = Files.createTempFile("runlock-it", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                        .redirectOutput(out.toFile()).redirectError(err.toFile())
                        .redirectInput(stdin == null ? Path.of("/dev/null").toFile() : stdin.toFile());
                builder.environment().clear();
                builder.environment().putAll(environment);
                Process process = builder.start();
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("runlock " + List.of(args) + " ran over " + timeoutSeconds + " s");
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.delete(out);
                Files.delete(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
