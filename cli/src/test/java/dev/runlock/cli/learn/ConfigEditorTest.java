package dev.runlock.cli.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runlock.cli.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code learn --write}: one section added or replaced, every other byte kept. */
class ConfigEditorTest {
    private static final String GIT = "[git]\nro = [\"/etc/gitconfig\"]\n";

    @TempDir
    Path dir;

    private String written(String before) throws Exception {
        Path file = dir.resolve("sandbox.toml");
        Files.writeString(file, before);
        ConfigEditor.write(file, "git", GIT);
        return Files.readString(file);
    }

    @Test
    void aNewFileGetsTheSection() throws Exception {
        Path file = dir.resolve("new.toml");
        ConfigEditor.write(file, "git", GIT);
        assertThat(Files.readString(file)).isEqualTo(GIT);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
    }

    @Test
    void aMissingSectionIsAppendedAfterTheRest() throws Exception {
        assertThat(written("# mine\n[ls]\nro = [\"/tmp\"]  # keep\n")).isEqualTo(
                "# mine\n[ls]\nro = [\"/tmp\"]  # keep\n\n" + GIT);
        assertThat(written("[ls]\nro = []")).isEqualTo("[ls]\nro = []\n\n" + GIT);
    }

    @Test
    void anExistingSectionIsReplacedAndTheCommentsAboveTheNextOneKept() throws Exception {
        String before = "# top\n[ls]\nro = []\n\n[git]\nrw = [\"/\"]\nenv = [\n  \"[x]\",\n]\n\n# about cat\n[cat]\nro = []\n";
        assertThat(written(before)).isEqualTo("# top\n[ls]\nro = []\n\n" + GIT + "\n# about cat\n[cat]\nro = []\n");
    }

    @Test
    void aSectionAtTheEndIsReplacedToTheEnd() throws Exception {
        assertThat(written("[ls]\nro = []\n[git]\nrw = []\n# trailing\n")).isEqualTo("[ls]\nro = []\n" + GIT);
    }

    @Test
    void aQuotedSectionNameIsFound() throws Exception {
        Path file = dir.resolve("q.toml");
        Files.writeString(file, "[\"python3.11\"]\nro = []\n[ls]\n");
        ConfigEditor.write(file, "python3.11", "[\"python3.11\"]\nrw = []\n");
        assertThat(Files.readString(file)).isEqualTo("[\"python3.11\"]\nrw = []\n[ls]\n");
    }

    @Test
    void theModeIsKeptAndNoTemporaryFileIsLeft() throws Exception {
        Path file = dir.resolve("sandbox.toml");
        Files.writeString(file, "[ls]\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        ConfigEditor.write(file, "git", GIT);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void malformedTomlIsRefusedAndTheFileLeftAlone() throws IOException {
        Path file = dir.resolve("sandbox.toml");
        byte[] before = "[ls\nro = \n".getBytes(StandardCharsets.UTF_8);
        Files.write(file, before);
        assertThatThrownBy(() -> ConfigEditor.write(file, "git", GIT)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":1:").hasMessageEndingWith("(file left unchanged)");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void otherBytesStayIdenticalEvenWhenNotAscii() throws Exception {
        String rest = "# café ☕\r\n[ls]\nro = [\"/tmp/é\"]\n";
        assertThat(written(rest + "\n[git]\nro = []\n")).isEqualTo(rest + "\n" + GIT);
    }

    /** A file that cannot be written is named as given, with the system's reason, not the temporary file's name. */
    @Test
    void aFileThatCannotBeWrittenIsNamedWithTheReason() {
        Path file = dir.resolve("missing/learned.toml");
        assertThatThrownBy(() -> ConfigEditor.write(file, "git", GIT)).isInstanceOf(ConfigException.class)
                .hasMessage(file + ": cannot write: No such file or directory");
    }

    /** A link is refused before the run and at the write; the file it leads to is left as it was. */
    @Test
    void aLinkIsRefusedNotWrittenThrough() throws Exception {
        Path target = Files.writeString(dir.resolve("mine.toml"), "[ls]\n");
        Path link = Files.createSymbolicLink(dir.resolve("learned.toml"), target);
        assertThatThrownBy(() -> ConfigEditor.check(link)).isInstanceOf(ConfigException.class)
                .hasMessage(link + ": is a symbolic link; give the file it leads to, if that is the one meant");
        assertThatThrownBy(() -> ConfigEditor.write(link, "git", GIT)).isInstanceOf(ConfigException.class);
        assertThat(Files.readString(target)).isEqualTo("[ls]\n");
        assertThat(link).isSymbolicLink();
        ConfigEditor.write(target, "git", GIT);
        assertThat(Files.readString(target)).as("control: the file itself is written").endsWith(GIT);
    }
}
