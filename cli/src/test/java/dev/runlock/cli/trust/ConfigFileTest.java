package dev.runlock.cli.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runlock.cli.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a config once, bounded, and hashing exactly what is parsed. */
class ConfigFileTest {
    @TempDir
    Path dir;

    private String refusal(Path path) {
        return assertThatThrownBy(() -> ConfigFile.read(path, "config").text()).isInstanceOf(ConfigException.class)
                .actual().getMessage();
    }

    @Test
    void theHashIsTheSha256OfTheTextRead() throws Exception {
        String text = "[cat]\nro = [\"/etc\"] # é\n";
        Path file = Files.writeString(dir.resolve("sandbox.toml"), text);
        ConfigFile config = ConfigFile.read(file, "config");
        assertThat(config.text()).isEqualTo(text);
        assertThat(config.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8))));
        assertThat(config.path()).isEqualTo(file);
        assertThat(config.realPath()).isEqualTo(file.toRealPath());
    }

    @Test
    void oneMebibyteIsReadAndOneByteMoreIsRefused() throws Exception {
        Path file = dir.resolve("sandbox.toml");
        Files.write(file, new byte[ConfigFile.MAX_BYTES]);
        assertThat(ConfigFile.read(file, "config").text()).hasSize(ConfigFile.MAX_BYTES);
        Files.write(file, new byte[ConfigFile.MAX_BYTES + 1]);
        assertThat(refusal(file)).isEqualTo(file + ": larger than 1 MiB; not a sandbox config");
    }

    @Test
    void aFifoIsRefusedWithoutOpeningIt() throws Exception {
        Path fifo = dir.resolve("sandbox.toml");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        // Opening a FIFO without a writer would block: the refusal comes first.
        assertThat(refusal(fifo)).isEqualTo(fifo + ": not a regular file");
    }

    @Test
    void bytesThatAreNotUtf8AreNamedByLineAndColumn() throws IOException {
        Path file = dir.resolve("sandbox.toml");
        Files.write(file, "[cat]\nro = [\"é/\u00ff".getBytes(StandardCharsets.UTF_8));
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 2] = (byte) 0xff;
        Files.write(file, bytes);
        assertThat(refusal(file)).isEqualTo(file + ":2:10: not UTF-8 text (byte 0xff)");
    }

    @Test
    void aMissingFileIsTheOperatingSystemsReason() {
        Path absent = dir.resolve("absent.toml");
        assertThat(refusal(absent)).isEqualTo(absent + ": cannot read: No such file or directory");
    }
}
