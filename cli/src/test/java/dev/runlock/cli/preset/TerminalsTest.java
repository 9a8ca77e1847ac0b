package dev.runlock.cli.preset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The terminals preset tty grants: those of the process itself, read from a fake {@code /proc/PID}. */
class TerminalsTest {
    @TempDir
    Path proc;

    private Path process(String fd0, String fd1, String fd2, String ttyNr) throws IOException {
        Path fd = Files.createDirectories(proc.resolve("fd"));
        String[] targets = {fd0, fd1, fd2};
        for (int i = 0; i < targets.length; i++) {
            if (targets[i] != null) {
                Files.createSymbolicLink(fd.resolve(Integer.toString(i)), Path.of(targets[i]));
            }
        }
        Files.writeString(proc.resolve("stat"), "42 (a) b) (c) S 1 42 42 " + ttyNr + " 42 4194560 0 0\n");
        return proc;
    }

    @Test
    void theTerminalOnDescriptorsZeroToTwoAndDevTtyWithAControllingTerminal() throws IOException {
        assertThat(Terminals.of(process("/dev/pts/7", "pipe:[1234]", "/dev/pts/7", "34823")).devices())
                .containsExactly(Path.of("/dev/pts/7"), Path.of("/dev/tty"));
    }

    @Test
    void noTerminalMeansNothingAndAFileIsNoTerminal() throws IOException {
        assertThat(Terminals.of(process("/dev/null", "/home/u/.ssh/id_ed25519", null, "0")).devices()).isEmpty();
    }

    @Test
    void aControllingTerminalWithoutOneOnTheDescriptorsGivesDevTtyOnly() throws IOException {
        assertThat(Terminals.of(process("/dev/null", "pipe:[1]", "/dev/ttyS0", "1025")).devices())
                .containsExactly(Path.of("/dev/ttyS0"), Path.of("/dev/tty"));
        assertThat(Terminals.of(proc.resolve("absent")).devices()).isEmpty();
    }
}
