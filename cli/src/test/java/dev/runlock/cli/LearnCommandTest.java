package dev.runlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runlock.landlock.Abi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** learn and diagnose refuse what they cannot do in one line, before starting any tracer. */
class LearnCommandTest {
    private static CliRun run(Map<String, String> environment, String... args) {
        return CliRun.on(Abi.newest()).exactly(environment, args);
    }

    private static CliRun run(String... args) {
        return run(CliRun.baseEnvironment(), args);
    }

    @Test
    void theRunItWithLineSeparatesACommandRunlockWouldReadAsItsOwn() {
        assertThat(LearnCommand.separated(List.of("make", "all"))).isEqualTo("make all");
        assertThat(LearnCommand.separated(List.of("status"))).isEqualTo("-- status");
        assertThat(LearnCommand.separated(List.of("-x", "a b"))).isEqualTo("-- -x 'a b'");
    }

    @Test
    void withoutStraceOneLineSaysHowToInstallIt() {
        for (String subcommand : new String[] {"learn", "diagnose"}) {
            run(Map.of("PATH", "/nonexistent"), subcommand, "--", "true").assertRefused(subcommand,
                    "strace, which is not installed (apt-get install strace)");
        }
    }

    @Test
    void aCommandIsRequired() {
        run("learn").assertRefused("missing command to learn");
        run("diagnose", "--ro", "/etc").assertRefused("missing command to diagnose");
    }

    @Test
    void optionsThatCannotPassTheTracerAreRefused() {
        run("learn", "--keep-fd", "0", "--", "true").assertRefused("--keep-fd cannot be used with runlock learn");
        run("learn", "-d", "--", "true").assertRefused("--disable-auto-import cannot be used with runlock learn");
        run("diagnose", "--explain", "--", "true").assertRefused("--explain cannot be used with runlock diagnose");
    }

    @Test
    void aWriteTargetThatIsNotTomlIsRefusedBeforeTheCommandRuns(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("sandbox.toml"), "[git\n");
        run("learn", "--write", file.toString(), "--", "sh", "-c", "touch " + dir.resolve("ran"))
                .assertRefused(file + ":1:", "(file left unchanged)");
        assertThat(dir.resolve("ran")).doesNotExist();
    }

    /** A link as --write FILE is refused before the command runs: learn would write into whatever it leads to. */
    @Test
    void aWriteTargetThatIsALinkIsRefusedBeforeTheCommandRuns(@TempDir Path dir) throws IOException {
        Path mine = Files.writeString(dir.resolve("mine.toml"), "[ls]\n");
        Path link = Files.createSymbolicLink(dir.resolve("learned.toml"), mine);
        run("learn", "--write", link.toString(), "--", "sh", "-c", "touch " + dir.resolve("ran"))
                .assertRefused(link + ": is a symbolic link");
        assertThat(dir.resolve("ran")).doesNotExist();
        assertThat(Files.readString(mine)).isEqualTo("[ls]\n");
    }

    @Test
    void optionsBeforeTheSubcommandAreRefusedNotIgnored() {
        run("--ro", "/etc", "learn", "--", "true").assertRefused("options go after 'learn'");
    }

    @Test
    void eachHasItsOwnHelp() {
        CliRun learn = run("learn", "--help");
        assertThat(learn.status()).isZero();
        assertThat(learn.out()).startsWith(
                "Usage: runlock learn [OPTIONS] [--write FILE] -- <COMMAND> [ARGS]...\n")
                .contains("strace", "--write", "--write-on-failure", "--ro", "--env");
        CliRun diagnose = run("diagnose", "-h");
        assertThat(diagnose.status()).isZero();
        assertThat(diagnose.out()).startsWith("Usage: runlock diagnose [OPTIONS] -- <COMMAND> [ARGS]...\n")
                .contains("denied", "--connect-tcp");
        assertThat(run("--help").out()).contains("runlock learn [OPTIONS]", "runlock diagnose [OPTIONS]");
    }
}
