package dev.runlock.cli.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runlock.cli.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trust store: where it lives, what it records, and that any edit voids the trust. */
class TrustStoreTest {
    @TempDir
    Path dir;

    private TrustStore store;
    private Path config;

    @BeforeEach
    void store() throws Exception {
        store = TrustStore.of(Map.of("XDG_CONFIG_HOME", dir.resolve("xdg").toString()));
        config = Files.writeString(dir.resolve("sandbox.toml"), "[make]\nunrestricted_filesystem = true\n");
    }

    private ConfigFile read(Path file) throws ConfigException {
        return ConfigFile.read(file, "config");
    }

    @Test
    void xdgConfigHomeElseHomeDotConfig() throws Exception {
        assertThat(store.file()).isEqualTo(dir.resolve("xdg/runlock/trusted"));
        assertThat(TrustStore.of(Map.of("HOME", "/home/u")).file()).isEqualTo(Path.of("/home/u/.config/runlock/trusted"));
        assertThat(TrustStore.of(Map.of("HOME", "/home/u", "XDG_CONFIG_HOME", "relative")).file())
                .isEqualTo(Path.of("/home/u/.config/runlock/trusted"));
        assertThatThrownBy(() -> TrustStore.of(Map.of())).hasMessage(
                "cannot find the trust store: set HOME or XDG_CONFIG_HOME to an absolute path");
    }

    @Test
    void trustHoldsUntilTheContentChanges() throws Exception {
        assertThat(store.verdict(read(config))).isEqualTo(TrustStore.Verdict.UNKNOWN);
        store.trust(read(config));
        assertThat(store.verdict(read(config))).isEqualTo(TrustStore.Verdict.TRUSTED);
        Files.writeString(config, "[make]\nunrestricted_filesystem = true \n");
        assertThat(store.verdict(read(config))).isEqualTo(TrustStore.Verdict.CHANGED);
        store.trust(read(config));
        assertThat(store.verdict(read(config))).isEqualTo(TrustStore.Verdict.TRUSTED);
        assertThat(store.entries()).singleElement().extracting(TrustStore.Entry::path).isEqualTo(config);
    }

    @Test
    void trustIsForTheRealPath() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("link.toml"), config);
        store.trust(read(link));
        assertThat(store.entries()).extracting(TrustStore.Entry::path).containsExactly(config);
        assertThat(store.verdict(read(config))).isEqualTo(TrustStore.Verdict.TRUSTED);
        Path copy = Files.copy(config, Files.createDirectory(dir.resolve("other")).resolve("sandbox.toml"));
        assertThat(store.verdict(read(copy))).as("same content elsewhere").isEqualTo(TrustStore.Verdict.UNKNOWN);
    }

    @Test
    void untrustForgetsOnlyThatPath() throws Exception {
        Path other = Files.writeString(dir.resolve("other.toml"), "[ls]\n");
        store.trust(read(config));
        store.trust(read(other));
        assertThat(store.untrust(config)).isTrue();
        assertThat(store.untrust(config)).isFalse();
        assertThat(store.entries()).extracting(TrustStore.Entry::path).containsExactly(other);
    }

    @Test
    void theStoreIsPrivateAndReplacedWholeInSha256sumsFormat() throws Exception {
        store.trust(read(config));
        Path weird = Files.writeString(Files.createDirectory(dir.resolve("a\\b\nc")).resolve("sandbox.toml"), "");
        store.trust(read(weird));
        assertThat(Files.getPosixFilePermissions(store.file())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(store.file().getParent()))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        try (Stream<Path> files = Files.list(store.file().getParent())) {
            assertThat(files).as("no temporary file left").containsExactly(store.file());
        }
        assertThat(Files.readAllLines(store.file())).containsExactly(read(config).sha256() + "  " + config,
                "\\" + read(weird).sha256() + "  " + weird.toString().replace("\\", "\\\\").replace("\n", "\\n"));
        assertThat(store.entries()).extracting(TrustStore.Entry::path).containsExactly(config, weird);
        Process check = new ProcessBuilder("sha256sum", "--check", "--quiet", store.file().toString())
                .redirectErrorStream(true).start();
        assertThat(check.waitFor()).as(new String(check.getInputStream().readAllBytes())).isZero();
    }

    @Test
    void theStoreIsCheckedLikeAConfig() throws Exception {
        store.trust(read(config));
        Files.setPosixFilePermissions(store.file(), PosixFilePermissions.fromString("rw-rw-rw-"));
        assertThatThrownBy(() -> store.verdict(read(config))).isInstanceOf(ConfigException.class).hasMessage(
                store.file() + ": refusing trust store writable by group or others (chmod go-w " + store.file() + ")");
        Files.setPosixFilePermissions(store.file(), PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(store.file().getParent(), PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatThrownBy(() -> store.trust(read(config))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("directory " + store.file().getParent() + " is writable by group or others");
    }

    @Test
    void aDamagedLineIsNamed() throws IOException {
        Files.createDirectories(store.file().getParent());
        Files.writeString(store.file(), "\n" + "ab".repeat(32) + " one-space\n");
        assertThatThrownBy(() -> store.entries()).hasMessage(store.file()
                + ":2: not a 'SHA256  PATH' line (fix or delete the line)");
        assertThat(List.of()).isEmpty();
    }
}
