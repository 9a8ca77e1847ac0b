package dev.runlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runlock.testkit.MachineCapability;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A cloned repository's {@code [make]} section that lifts the sandbox, as an ordinary user who owns
 * the clone (as git makes them) and keeps the trust store in the default place, {@code ~/.config}.
 * Needs root once, to create the account with {@code useradd -m}; runs runlock through {@code runuser}.
 */
class ConfigTrustAsUserIT {
    private static final String USER = "runlock-it";
    private static final String LIFTING = "[make]\nunrestricted_filesystem = true\n";

    private static Path home;
    private Path repo;
    private Path config;
    private Launcher runlock;

    @BeforeAll
    static void account() throws IOException, InterruptedException {
        Host.assumeQuietRuns();
        MachineCapability.ROOT.assume("creating an ordinary account needs root (as that user, ConfigTrustIT covers the same)");
        if (shell(List.of("id", "-u", USER)).status() != 0) {
            assertThat(shell(List.of("useradd", "-m", "-s", "/bin/sh", USER)).status()).isZero();
        }
        home = Path.of(shell(List.of("runuser", "-u", USER, "--", "sh", "-c", "printf %s \"$HOME\"")).out());
    }

    @BeforeEach
    void freshClone() throws IOException, InterruptedException {
        repo = home.resolve("repo");
        config = repo.resolve("sandbox.toml");
        asUser("rm -rf ~/repo ~/.config/runlock && mkdir ~/repo && echo 'the secret' > ~/secret.txt"
                + " && printf 'all:\\n\\tcat %s/secret.txt\\n' ~ > ~/repo/Makefile"
                + " && printf '" + LIFTING.replace("\n", "\\n") + "' > ~/repo/sandbox.toml");
        runlock = new Launcher(repo).via("exec runuser -u " + USER + " -- \"$0\" \"$@\"");
    }

    private Launcher.Result make() {
        return runlock.run("--rw", ".", "--rox", "/usr", "--env", "PATH", "--", "make", "-s");
    }

    @Test
    void theLiftingConfigIsRefusedUntilTrustedAndAgainAfterAnEdit() throws Exception {
        make().assertRefused(config + " is not trusted", "review it, then run: runlock trust");

        Launcher.Result trust = runlock.run("trust");
        assertThat(trust.out()).as(trust.err()).isEqualTo("trusted " + config + "\n");
        Path store = home.resolve(".config/runlock/trusted");
        assertThat(Files.getPosixFilePermissions(store)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getOwner(store).getName()).isEqualTo(USER);
        Launcher.Result trusted = make();
        assertThat(trusted.out()).as(trusted.err()).isEqualTo("the secret\n");
        assertThat(trusted.errLines()).containsExactly("runlock: warning: " + config
                + " [make] widens the sandbox beyond the command line: unrestricted_filesystem = true");

        asUser("echo '# just a comment' >> ~/repo/sandbox.toml");
        make().assertRefused(config + " changed since you trusted it");
        assertThat(runlock.run("trust").status()).isZero();
        assertThat(make().out()).isEqualTo("the secret\n");
    }

    @Test
    void withoutTheConfigLandlockDeniesTheSecret() throws Exception {
        asUser("rm ~/repo/sandbox.toml");
        Launcher.Result denied = make();
        assertThat(denied.out()).isEmpty();
        assertThat(denied.status()).isNotZero();
        assertThat(denied.err()).contains("cat: " + home.resolve("secret.txt") + ": Permission denied");
    }

    @Test
    void aGroupWritableCloneIsRefusedEvenWhenTrusted() throws Exception {
        assertThat(runlock.run("trust").status()).isZero();
        asUser("chmod g+w ~/repo");
        make().assertRefused(config + ": refusing config: directory " + repo + " is writable by group or others");
        runlock.run("trust").assertRefused("directory " + repo + " is writable by group or others");
    }

    @Test
    void anUnreadableConfigIsTheOperatingSystemsReason() throws Exception {
        asUser("chmod 0 ~/repo/sandbox.toml");
        make().assertRefused(config + ": cannot read: Permission denied");
        runlock.run("trust").assertRefused(config + ": cannot read: Permission denied");
    }

    @Test
    void aConfigOwnedByAnotherUserIsRefused() throws Exception {
        Path elsewhere = Files.createDirectories(Path.of("/var/tmp").resolve("runlock-it-" + ProcessHandle.current().pid()));
        try {
            Path theirs = Files.writeString(elsewhere.resolve("policy.toml"), LIFTING);
            Files.setAttribute(theirs, "unix:uid", 65534);
            runlock.environment().put("SANDBOX_CONFIG", theirs.toString());
            make().assertRefused(theirs + ": refusing config owned by uid 65534");
            Files.setAttribute(theirs, "unix:uid", 0);
            assertThat(make().out()).as("root's file is trusted").isEqualTo("the secret\n");
        } finally {
            shell(List.of("rm", "-rf", elsewhere.toString()));
        }
    }

    private static void asUser(String script) throws IOException, InterruptedException {
        Shell result = shell(List.of("runuser", "-u", USER, "--", "sh", "-c", script));
        assertThat(result.status()).as(script + ": " + result.out()).isZero();
    }

    private record Shell(int status, String out) {
    }

    private static Shell shell(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Shell(p.waitFor(), out);
    }
}
