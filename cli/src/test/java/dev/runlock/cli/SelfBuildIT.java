package dev.runlock.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * runlock sandboxes its own build, as README shows: {@code ./mvnw -q -DskipTests package} in a copy
 * of this repository's tracked files, with the maven preset and the project read-write, nothing
 * else. Slow (a whole build: 3 min on a loaded 2-core machine); {@code -Drunlock.selfbuild.skip}
 * skips it. Needs a warm {@code ~/.m2} (the wrapper's Maven and the build's artifacts): offline.
 */
class SelfBuildIT {
    /** The README line this test runs. */
    static final String README_LINE = "./runlock --preset maven --rw . -- ./mvnw -q -DskipTests package";

    @TempDir
    Path dir;

    @BeforeAll
    static void quietRuns() {
        Host.assumeQuietRuns();
        assumeFalse(Boolean.getBoolean("runlock.selfbuild.skip"), "-Drunlock.selfbuild.skip");
    }

    @Test
    void runlockBuildsItselfWithTheMavenPresetAndTheProjectWritable() throws Exception {
        Path copy = copyOfTrackedFiles();
        Launcher runlock = new Launcher(copy).timeout(Duration.ofMinutes(15));
        assumeTrue(Files.isDirectory(Path.of(runlock.environment().get("HOME"), ".m2/wrapper")),
                "~/.m2 is not warm: run ./mvnw once");
        List<String> args = List.of(README_LINE.split(" ")).subList(1, README_LINE.split(" ").length);

        Launcher.Result build = runlock.run(args.toArray(String[]::new));
        assertThat(build.status()).as("stdout: %s%nstderr: %s", build.out(), build.err()).isZero();
        assertThat(copy.resolve("cli/target/runlock.jar")).isNotEmptyFile();

        Path probe = Path.of(runlock.environment().get("HOME"), "runlock-selfbuild-probe");
        Launcher.Result outside = runlock.run("--preset", "maven", "--rw", ".", "--", "sh", "-c", "echo x > " + probe);
        assertThat(outside.status()).isNotZero();
        assertThat(outside.err()).contains("Permission denied");
        assertThat(probe).doesNotExist();
    }

    /** The files git tracks, as a fresh clone would have them (modes kept: mvnw is executable). */
    private Path copyOfTrackedFiles() throws IOException, InterruptedException {
        Path copy = Files.createDirectory(dir.resolve("runlock"));
        Process git = new ProcessBuilder("git", "ls-files", "-z").directory(Launcher.ROOT.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String listing = new String(git.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(git.waitFor()).isZero();
        try (Stream<String> names = Stream.of(listing.split("\0")).filter(n -> !n.isEmpty())) {
            for (String name : names.toList()) {
                Path source = Launcher.ROOT.resolve(name);
                if (Files.isRegularFile(source)) {
                    Path target = copy.resolve(name);
                    Files.createDirectories(target.getParent());
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return copy;
    }
}
