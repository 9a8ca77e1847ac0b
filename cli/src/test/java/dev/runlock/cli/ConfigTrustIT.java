package dev.runlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Config trust end to end through {@code ./runlock}, with a trust store in a temporary
 * XDG_CONFIG_HOME: a sandbox.toml found in the working directory applies only once trusted, as
 * it is; every config passes StrictModes and is read within bounds.
 */
class ConfigTrustIT {
    private static final String WIDENING = "runlock: warning: %s [cat] widens the sandbox beyond the command line: "
            + "unrestricted_filesystem = true";

    @TempDir
    Path dir;

    private Path repo;
    private Path secret;
    private Path config;
    private Launcher runlock;

    @BeforeEach
    void clonedRepository() throws IOException {
        repo = Files.createDirectory(dir.resolve("repo"));
        secret = Files.writeString(dir.resolve("secret.txt"), "the secret\n");
        config = Files.writeString(repo.resolve("sandbox.toml"), "[cat]\nunrestricted_filesystem = true\n");
        runlock = new Launcher(repo);
        runlock.environment().put("XDG_CONFIG_HOME", dir.resolve("xdg").toString());
    }

    private Launcher.Result catSecret() {
        return runlock.run("--rw", ".", "--", "cat", secret.toString());
    }

    @Test
    void aClonedConfigThatLiftsTheSandboxIsRefusedUntilTrustedAndAgainAfterAnEdit() throws IOException {
        Host.assumeQuietRuns();
        catSecret().assertRefused(config + " is not trusted", "review it, then run: runlock trust");

        Launcher.Result trusted = runlock.run("trust");
        assertThat(trusted.status()).as(trusted.err()).isZero();
        assertThat(trusted.out()).isEqualTo("trusted " + config + "\n");
        Launcher.Result run = catSecret();
        assertThat(run.out()).as(run.err()).isEqualTo("the secret\n");
        assertThat(run.errLines()).containsExactly(WIDENING.formatted(config));

        Files.writeString(config, "# harmless?\n", StandardOpenOption.APPEND);
        catSecret().assertRefused(config + " changed since you trusted it; review it, then run: runlock trust");
        assertThat(runlock.run("trust").status()).isZero();
        assertThat(catSecret().out()).isEqualTo("the secret\n");
    }

    @Test
    void withoutTheConfigLandlockDeniesTheSameCommand() throws IOException {
        Host.assumeQuietRuns();
        Files.delete(config);
        Launcher.Result denied = catSecret();
        assertThat(denied.status()).isEqualTo(1);
        assertThat(denied.out()).isEmpty();
        assertThat(denied.errLines()).containsExactly("cat: " + secret + ": Permission denied");
    }

    @Test
    void untrustAndListShowWhatIsTrusted() throws IOException {
        assertThat(runlock.run("trust", "--list").out()).isEmpty();
        runlock.run("trust");
        assertThat(runlock.run("trust", "--list").out()).isEqualTo("trusted   " + config + "\n");
        Files.writeString(config, "[cat]\n");
        assertThat(runlock.run("trust", "--list").out()).isEqualTo("changed   " + config + "\n");
        Launcher.Result untrust = runlock.run("untrust");
        assertThat(untrust.out()).isEqualTo("untrusted " + config + "\n");
        assertThat(runlock.run("untrust").out()).isEqualTo(config + " was not trusted\n");
        catSecret().assertRefused(config + " is not trusted");
        Path store = dir.resolve("xdg/runlock/trusted");
        assertThat(Files.getPosixFilePermissions(store)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    /**
     * A repository's {@code sandbox.toml} linked to a trusted config elsewhere does not borrow its trust: it
     * needs its own, and then takes its grants along unchanged ("." stays the real file's directory).
     */
    @Test
    void aLinkedConfigNeedsItsOwnTrustAndCannotMoveItsRelativeGrants() throws IOException {
        Host.assumeQuietRuns();
        Files.writeString(config, "[cat]\nro = [\".\"]\n");
        Files.writeString(repo.resolve("readme.txt"), "the readme\n");
        assertThat(runlock.run("trust").status()).isZero();
        Path other = Files.createDirectory(dir.resolve("other"));
        Files.writeString(other.resolve("private.txt"), "private\n");
        Path link = Files.createSymbolicLink(other.resolve("sandbox.toml"), Path.of("../repo/sandbox.toml"));
        Launcher elsewhere = new Launcher(other);
        elsewhere.environment().put("XDG_CONFIG_HOME", dir.resolve("xdg").toString());

        elsewhere.run("--", "cat", "../repo/readme.txt").assertRefused(link + " is not trusted",
                "this one is a link to " + config, "review it, then run: runlock trust");
        assertThat(elsewhere.run("trust").out()).isEqualTo("trusted " + link + " -> " + config
                + " (relative paths from " + repo + ")\n");
        assertThat(elsewhere.run("trust", "--list").out()).isEqualTo("trusted   " + config + "\n"
                + "trusted   " + link + " -> " + config + "\n");
        Launcher.Result granted = elsewhere.run("--", "cat", "../repo/readme.txt");
        assertThat(granted.out()).as(granted.err()).isEqualTo("the readme\n");
        Launcher.Result denied = elsewhere.run("--", "cat", "private.txt");
        assertThat(denied.out()).isEmpty();
        assertThat(denied.errLines()).containsExactly("cat: private.txt: Permission denied");
    }

    /** A trusted {@code ro = ["docs"]} that a {@code git pull} turns into a link to secrets voids the trust, naming the entry. */
    @Test
    void aPathEntryRedirectedAfterTrustVoidsIt() throws IOException {
        Host.assumeQuietRuns();
        Path docs = Files.createDirectory(repo.resolve("docs"));
        Files.writeString(docs.resolve("secret.txt"), "just docs\n");
        Files.writeString(config, "[cat]\nro = [\"docs\"]\n");
        assertThat(runlock.run("trust").out()).isEqualTo("trusted " + config + "\n");
        Launcher.Result docsRead = runlock.run("--", "cat", "docs/secret.txt");
        assertThat(docsRead.out()).as(docsRead.err()).isEqualTo("just docs\n");

        Path secrets = secret.getParent();
        Files.delete(docs.resolve("secret.txt"));
        Files.delete(docs);
        Files.createSymbolicLink(docs, secrets);
        runlock.run("--", "cat", "docs/secret.txt").assertRefused(config + " changed since you trusted it: [cat] ro "
                + "\"docs\" now leads to " + secrets + " through a link out of " + repo + ", not " + docs,
                "review it, then run: runlock trust");
        assertThat(runlock.run("trust", "--list").out()).startsWith("changed   " + config + " ([cat] ro \"docs\"");
        assertThat(runlock.run("trust").out()).isEqualTo("trusted " + config + "\n  [cat] ro \"docs\" leads to "
                + secrets + " through a link out of " + repo + "\n");
    }

    @Test
    void sandboxConfigIsExplicitAndNeedsNoTrust() {
        Host.assumeQuietRuns();
        runlock.environment().put("SANDBOX_CONFIG", config.toString());
        Launcher.Result r = catSecret();
        assertThat(r.out()).as(r.err()).isEqualTo("the secret\n");
        assertThat(r.errLines()).containsExactly(WIDENING.formatted(config));
    }

    @Test
    void theConfigThatAppliedIsNamedByExplainAndAtInfoLevel() throws IOException {
        Files.writeString(config, "[cat]\nro = [\"" + secret + "\"]\n[ture]\n");
        runlock.run("trust");
        assertThat(runlock.run("--explain", "cat", secret.toString()).out()).contains("config:      " + config + " [cat]");
        Launcher.Result info = runlock.run("--log-level", "info", "cat", secret.toString());
        assertThat(info.out()).isEqualTo("the secret\n");
        assertThat(info.errLines()).contains("runlock: using " + config + " (trusted) section [cat]",
                "runlock: section [ture] of " + config + " matches no command on PATH");
    }

    @Test
    void aGroupWritableDirectoryAboveIsRefused() throws IOException {
        runlock.run("trust");
        Files.setPosixFilePermissions(repo, PosixFilePermissions.fromString("rwxrwxr-x"));
        catSecret().assertRefused(config + ": refusing config: directory " + repo
                + " is writable by group or others (chmod go-w " + repo + ")");
    }

    @Test
    void aSymlinkedConfigIsTrustedWithItsTargetAndARetargetedLinkIsNot() throws IOException {
        Path shared = Files.createDirectory(dir.resolve("shared"));
        Path target = Files.move(config, shared.resolve("policy.toml"));
        Files.createSymbolicLink(config, target);
        assertThat(runlock.run("trust").out()).isEqualTo("trusted " + config + " -> " + target
                + " (relative paths from " + shared + ")\n");
        assertThat(catSecret().out()).isEqualTo("the secret\n");

        Path other = Files.writeString(shared.resolve("other.toml"), "[cat]\nunrestricted_filesystem = true\n");
        Files.delete(config);
        Files.createSymbolicLink(config, other);
        catSecret().assertRefused(config + " changed since you trusted it: it now leads to " + other + ", not " + target);
    }

    @Test
    void aHugeFileIsOneLineNotAnOutOfMemoryError() throws IOException {
        Files.write(config, new byte[30 << 20]);
        catSecret().assertRefused(config + ": larger than 1 MiB");
        runlock.run("trust").assertRefused(config + ": larger than 1 MiB");
    }

    @Test
    void aFifoOrADirectoryIsNotARegularFile() throws Exception {
        Files.delete(config);
        Process mkfifo = new ProcessBuilder("mkfifo", config.toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        catSecret().assertRefused(config + ": not a regular file");
        runlock.run("trust").assertRefused(config + ": not a regular file");
        Files.delete(config);
        Files.createDirectory(config);
        catSecret().assertRefused(config + ": not a regular file");
    }

    @Test
    void contentThatIsNotUtf8IsNamedByLineAndColumn() throws IOException {
        Files.write(config, new byte[] {'[', 'c', 'a', 't', ']', '\n', 'r', 'o', '=', '[', '"', (byte) 0xfe, '"', ']'});
        runlock.run("trust").assertRefused(config + ":2:6: not UTF-8 text (byte 0xfe)");
    }

    @Test
    void anEmptyPathIsRefusedNamingTheFlagOrThePosition() throws IOException {
        runlock.run("--rw", "", "--", "touch", "created").assertRefused("--rw: empty path in '' (an unset variable?)");
        assertThat(repo.resolve("created")).doesNotExist();
        Files.writeString(config, "[touch]\nrw = [\"\"]\n");
        runlock.environment().put("SANDBOX_CONFIG", config.toString());
        runlock.run("--", "touch", "created").assertRefused(config + ":2:1: rw: empty path");
        assertThat(repo.resolve("created")).doesNotExist();
        runlock.environment().remove("SANDBOX_CONFIG");
        Files.delete(config);
        Launcher.Result granted = runlock.run("--rw", ".", "--", "touch", "created");
        assertThat(granted.status()).as(granted.err()).isZero();
        assertThat(repo.resolve("created")).exists();
    }
}
