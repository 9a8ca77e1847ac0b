package dev.runlock.cli.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runlock.cli.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
        assertThat(store.verdict(read(config))).isEqualTo(new TrustStore.Verdict.Unknown());
        store.trust(read(config));
        assertThat(store.verdict(read(config))).isEqualTo(new TrustStore.Verdict.Trusted());
        Files.writeString(config, "[make]\nunrestricted_filesystem = true \n");
        assertThat(store.verdict(read(config))).isEqualTo(new TrustStore.Verdict.Changed(""));
        store.trust(read(config));
        assertThat(store.verdict(read(config))).isEqualTo(new TrustStore.Verdict.Trusted());
        assertThat(store.entries()).singleElement().extracting(TrustStore.Entry::path).isEqualTo(config);
    }

    /** A repository's {@code sandbox.toml -> ~/dotfiles/sandbox.toml} does not borrow the dotfiles' trust. */
    @Test
    void aLinkIsAPlaceOfItsOwn() throws Exception {
        store.trust(read(config));
        Path repo = Files.createDirectory(dir.resolve("repo"));
        Path link = Files.createSymbolicLink(repo.resolve("sandbox.toml"), config);
        assertThat(store.verdict(read(link))).isEqualTo(new TrustStore.Verdict.Unknown());
        assertThat(store.verdict(read(config))).as("the target's own trust").isEqualTo(new TrustStore.Verdict.Trusted());

        store.trust(read(link));
        assertThat(store.verdict(read(link))).isEqualTo(new TrustStore.Verdict.Trusted());
        assertThat(store.entries()).extracting(TrustStore.Entry::name)
                .containsExactly(config.toString(), link + " -> " + config);
        Path other = Files.writeString(dir.resolve("other.toml"), Files.readString(config));
        Files.delete(link);
        Files.createSymbolicLink(link, other);
        assertThat(store.verdict(read(link))).as("retargeted, same content").isEqualTo(
                new TrustStore.Verdict.Changed("it now leads to " + other + ", not " + config));
        Path copy = Files.copy(config, Files.createDirectory(dir.resolve("copy")).resolve("sandbox.toml"));
        assertThat(store.verdict(read(copy))).as("same content elsewhere").isEqualTo(new TrustStore.Verdict.Unknown());
        assertThat(store.untrust(link)).isTrue();
        assertThat(store.entries()).extracting(TrustStore.Entry::place).containsExactly(config);
    }

    /** A trusted {@code ro = ["docs"]} that a {@code git pull} turns into {@code docs -> ~/.ssh} is no longer trusted. */
    @Test
    void trustCoversWherePathEntriesLead() throws Exception {
        Path secrets = Files.createDirectory(dir.resolve("secrets"));
        Path repo = Files.createDirectory(dir.resolve("repo"));
        Path docs = Files.createDirectory(repo.resolve("docs"));
        Path project = Files.writeString(repo.resolve("sandbox.toml"),
                "[make]\nro = [\"docs\", \"" + secrets + "\"]\nrw = [\"build\"]\nignore_missing = true\n");
        store.trust(read(project));
        assertThat(store.verdict(read(project))).isEqualTo(new TrustStore.Verdict.Trusted());
        Files.createDirectory(repo.resolve("build"));
        assertThat(store.verdict(read(project))).as("a missing directory created").isEqualTo(new TrustStore.Verdict.Trusted());

        Files.delete(docs);
        Files.createSymbolicLink(docs, secrets);
        assertThat(store.verdict(read(project))).isEqualTo(new TrustStore.Verdict.Changed("[make] ro \"docs\" now leads to "
                + secrets + " through a link out of " + repo + ", not " + docs));
        Files.delete(docs);
        Files.createDirectory(docs);
        assertThat(store.verdict(read(project))).isEqualTo(new TrustStore.Verdict.Trusted());
        Files.delete(repo.resolve("build"));
        Files.createSymbolicLink(repo.resolve("build"), secrets.resolve("later"));
        assertThat(store.verdict(read(project))).as("a dangling link where nothing was").isEqualTo(
                new TrustStore.Verdict.Changed("[make] rw \"build\" now leads to " + secrets.resolve("later")
                        + " through a link out of " + repo + ", not " + repo.resolve("build")));
    }

    @Test
    void trustCoversWhereAnExecutableDependencyNamedByAPathLeads() throws Exception {
        Path repo = Files.createDirectory(dir.resolve("repo"));
        Path tool = Files.writeString(Files.createDirectory(repo.resolve("tools")).resolve("x"), "#!/bin/sh\n");
        Path deploy = Files.writeString(dir.resolve("deploy.sh"), "#!/bin/sh\nTOKEN=1\n");
        Path project = Files.writeString(repo.resolve("sandbox.toml"),
                "[cat]\nexecutable_dependencies = [\"tools/x\", \"sh\"]\n");
        store.trust(read(project));
        assertThat(store.verdict(read(project))).isEqualTo(new TrustStore.Verdict.Trusted());

        Files.delete(tool);
        Files.createSymbolicLink(tool, deploy);

        assertThat(store.verdict(read(project))).isEqualTo(new TrustStore.Verdict.Changed(
                "[cat] executable_dependencies \"tools/x\" now leads to " + deploy + " through a link out of " + repo
                        + ", not " + tool));
    }

    @Test
    void anEntryOfAnOlderRunlockIsTrustedOnlyWithoutPaths() throws Exception {
        Files.createDirectories(store.file().getParent());
        Path paths = Files.writeString(dir.resolve("paths.toml"), "[make]\nro = [\"/etc\"]\n");
        Files.writeString(store.file(), read(config).sha256() + "  " + config + "\n" + read(paths).sha256() + "  "
                + paths + "\n");
        assertThat(store.verdict(read(config))).isEqualTo(new TrustStore.Verdict.Trusted());
        assertThat(store.verdict(read(paths))).isEqualTo(
                new TrustStore.Verdict.Changed("trusted before runlock recorded where its paths lead"));
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
        String escaped = weird.toString().replace("\\", "\\\\").replace("\n", "\\n");
        assertThat(Files.readAllLines(store.file())).containsExactly(read(config).sha256() + "  " + config,
                "#\tat\t" + config, "\\" + read(weird).sha256() + "  " + escaped, "#\tat\t" + escaped);
        assertThat(store.entries()).extracting(TrustStore.Entry::path).containsExactly(config, weird);
        Path paths = Files.writeString(dir.resolve("paths.toml"), "[\"a\\tb\"]\nro = [\"/etc\", \"x\\ty\\\\z\"]\n");
        store.trust(read(paths));
        assertThat(Files.readAllLines(store.file())).endsWith("#\tat\t" + paths, "#\tpath\ta\\tb\tro\t/etc\t/etc",
                "#\tpath\ta\\tb\tro\tx\\ty\\\\z\t" + dir + "/x\\ty\\\\z");
        assertThat(store.entries().getLast().resolutions()).extracting(Resolution::value).containsExactly("/etc", "x\ty\\z");
        // --strict: runlock's comment lines are not "improperly formatted" checksum lines.
        Process check = new ProcessBuilder("sha256sum", "--check", "--strict", store.file().toString())
                .redirectErrorStream(true).start();
        String said = new String(check.getInputStream().readAllBytes());
        assertThat(check.waitFor()).as(said).isZero();
        assertThat(said.lines()).as(said).hasSize(3).allMatch(l -> l.endsWith(": OK"));
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
                + ":2: not a 'SHA256  PATH' line or a runlock comment below one (fix or delete the line)");
        Files.writeString(store.file(), "ab".repeat(32) + "  /x\n#\tpath\tmake\tpreset\tdev\t/dev\n");
        assertThatThrownBy(() -> store.entries()).hasMessageStartingWith(store.file() + ":2: not a 'SHA256  PATH' line");
    }
}
