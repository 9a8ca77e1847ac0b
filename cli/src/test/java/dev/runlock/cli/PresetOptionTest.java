package dev.runlock.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.runlock.landlock.Abi;
import dev.runlock.testkit.FakeKernel;
import dev.runlock.testkit.MachineCapability;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --preset}, {@code preset = [...]} and {@code runlock presets}, as {@code --explain} and the listing show them. */
class PresetOptionTest {
    @TempDir
    Path dir;

    @Test
    void eachRuleOfAPresetNamesItAsItsOrigin() {
        CliRun r = CliRun.of("--preset", "dev", "true").assertExplained();
        assertThat(r.rules("[preset dev]")).containsExactly(
                "  /dev/random  ro  [preset dev]",
                "  /dev/urandom  ro  [preset dev]",
                "  /dev/null  rw  [preset dev]",
                "  /dev/zero  rw  [preset dev]",
                "  /dev/full  rw  [preset dev]");
        assertThat(CliRun.of("true").assertExplained().rules("/dev/")).isEmpty();
    }

    @Test
    void ttyWithoutATerminalGrantsNoTerminalAndPtyGrantsEveryOne() {
        // Maven's test JVM has pipes, not terminals, on descriptors 0-2.
        CliRun tty = CliRun.of("--preset", "tty", "true").assertExplained();
        assertThat(tty.rules("/dev/pts")).isEmpty();
        assertThat(tty.rules("/dev/ptmx")).isEmpty();
        assertThat(tty.outLines()).contains("not here:    {TERMINALS}  rw  [preset tty: no terminal on descriptors 0-2]");
        CliRun pty = CliRun.of("--preset", "pty", "true").assertExplained();
        assertThat(pty.rules("[preset pty]")).extracting(l -> l.substring(0, l.indexOf("  ", 2)))
                .containsExactly("  /dev/ptmx", "  /dev/pts/");
    }

    @Test
    void includedPresetsAndCommasAddUpWithFlags() {
        CliRun r = CliRun.of("--preset", "git,tmp", "--ro", "/etc/hostname", "true").assertExplained();
        assertThat(r.rules("[preset dev]")).hasSize(5);
        assertThat(r.rules("[preset git]")).anySatisfy(l -> assertThat(l).startsWith("  /usr/lib/git-core/  rox  "));
        assertThat(r.rules("[preset tmp]")).containsExactly("  /tmp/  rw  [preset tmp]");
        assertThat(r.rules("[--ro]")).containsExactly("  /etc/hostname  ro  [--ro]");
    }

    @Test
    void gitReadsTheTimeZoneItDatesCommitsIn() throws IOException {
        Path localtime = Path.of("/etc/localtime");
        CliRun r = CliRun.of("--preset", "git", "true").assertExplained();
        if (Files.exists(localtime)) {
            // A rule binds to the file the link leads to (/usr/share/zoneinfo/...).
            assertThat(r.rules("[preset git]")).contains("  " + localtime.toRealPath() + "  ro  [preset git]");
        } else {
            assertThat(r.outLines()).contains("not here:    /etc/localtime  ro  [preset git: missing here]");
        }
    }

    @Test
    void aPathMissingHereIsSkippedWithoutAWordAndListedByExplain() {
        CliRun r = CliRun.of("--preset", "nix", "true").assertExplained();
        assertThat(r.err()).isEmpty();
        assertThat(r.rules("/nix/")).isEmpty();
        assertThat(r.outLines()).contains("not here:    /nix/store  rox  [preset nix: missing here]");
    }

    @Test
    void aFreshHomesMissingCacheIsCreatedPrivateAndGranted() throws IOException {
        Path home = Files.createDirectories(dir.resolve("fresh home"));
        Map<String, String> env = CliRun.baseEnvironment();
        env.put("HOME", home.toString());
        Path cache = home.resolve(".m2/repository");

        CliRun fresh = CliRun.with(env, "--preset", "maven", "true").assertExplained();

        assertThat(fresh.err()).doesNotContain("cache");
        assertThat(fresh.rules("[preset maven]")).anyMatch(l -> l.startsWith("  " + cache + "/  rw"));
        assertThat(Files.getPosixFilePermissions(cache)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(cache.getParent())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void aCacheIsNeverCreatedThroughALinkNorOtherThanThePresetsOwn() throws IOException {
        Path home = Files.createDirectories(dir.resolve("linked home"));
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.createSymbolicLink(home.resolve(".npm"), elsewhere);
        Map<String, String> env = CliRun.baseEnvironment();
        env.put("HOME", home.toString());

        CliRun r = CliRun.with(env, "--preset", "npm", "true").assertExplained();

        assertThat(r.errLines()).contains("runlock: warning: the cache " + home.resolve(".npm/_cacache")
                + " does not exist and was not created (" + home.resolve(".npm") + " is a link): it is not granted,"
                + " so the command cannot write one");
        assertThat(elsewhere).isEmptyDirectory();
        assertThat(home.resolve(".npm/_npx")).doesNotExist();
        assertThat(home.resolve(".cache/node-gyp")).isDirectory();
    }

    @Test
    void presetVariablesPassOnlyWhenSetAndPatternsPassEachMatch() {
        Map<String, String> env = CliRun.baseEnvironment();
        env.put("LC_TIME", "C");
        env.put("LC_NUMERIC", "C");
        env.put("LANG", "C.UTF-8");
        env.put("SECRET_TOKEN", "x");
        CliRun r = CliRun.with(env, "--preset", "shell-env", "true").assertExplained();
        assertThat(r.line("environment:"))
                .isEqualTo("environment: HOME=/root PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 LC_NUMERIC=C LC_TIME=C");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void aFlagsValueWinsOverAPresetsForTheSameVariable() {
        CliRun r = CliRun.of("--env", "HOME=/elsewhere", "--preset", "shell-env", "true").assertExplained();
        assertThat(r.line("environment:")).contains("HOME=/elsewhere").doesNotContain("HOME=/root");
    }

    @Test
    void anEnvPatternOnTheCommandLinePassesEachMatchAndWarnsWhenNoneIsSet() {
        Map<String, String> env = CliRun.baseEnvironment();
        env.put("LC_TIME", "C");
        assertThat(CliRun.with(env, "--env", "LC_*", "true").assertExplained().line("environment:"))
                .isEqualTo("environment: LC_TIME=C");
        assertThat(CliRun.of("--env", "LC_*", "true").assertExplained().errLines())
                .containsExactly("runlock: warning: --env LC_*: not set in runlock's environment, not passed");
    }

    @Test
    void anUnknownPresetIsOneErrorNamingItAndTheKnownOnes() {
        CliRun.of("--preset", "dev,dsn", "true").assertRefused("--preset: unknown preset 'dsn'", "dev, tty");
    }

    @Test
    void aConfigSectionNamesPresetsAndAnUnknownOneNamesTheFile() throws IOException {
        Path config = dir.resolve("sandbox.toml");
        Map<String, String> env = CliRun.configuredBy(config);
        Files.writeString(config, "[true]\npreset = [\"tmp\"]\n");
        assertThat(CliRun.with(env, "true").assertExplained().rules("[preset tmp]")).hasSize(1);
        Files.writeString(config, "[true]\npreset = [\"temp\"]\n");
        CliRun.with(env, "true").assertRefused("sandbox.toml [true] preset: unknown preset 'temp'");
    }

    @Test
    void aCacheBelowADirectoryOthersCanWriteIsNotCreated() throws IOException {
        Path home = Files.createDirectories(dir.resolve("shared home"));
        Path npm = Files.createDirectories(home.resolve(".npm"));
        Files.setPosixFilePermissions(npm, PosixFilePermissions.fromString("rwxrwxrwx"));
        Map<String, String> env = CliRun.baseEnvironment();
        env.put("HOME", home.toString());

        CliRun r = CliRun.with(env, "--preset", "npm", "true").assertExplained();

        assertThat(r.errLines()).contains("runlock: warning: the cache " + npm.resolve("_cacache") + " does not exist and"
                + " was not created (" + npm + " is another user's or writable by others): it is not granted, so the"
                + " command cannot write one");
        assertThat(npm).isEmptyDirectory();
    }

    @Test
    void aConfigsRelativeCacheIsCreatedWhereTheConfigGrantsIt() throws IOException {
        Path home = Files.createDirectories(dir.resolve("relative home"));
        Path config = Files.createDirectories(home.resolve("cfg")).resolve("p.toml");
        Map<String, String> env = CliRun.configuredBy(config);
        env.put("HOME", home.toString());
        Files.writeString(config, "[true]\nrw = [\"../.m2/repository\"]\n");

        CliRun.with(env, "true").assertExplained();

        assertThat(home.resolve(".m2/repository")).isDirectory();
        assertThat(home.resolve("cfg/.m2")).doesNotExist();
    }

    @Test
    void aHomeLinkLeadingOutOfHomeIsNotGranted() throws IOException {
        Path home = Files.createDirectories(dir.resolve("planted home"));
        Path outside = Files.createDirectories(dir.resolve("victim"));
        Files.createSymbolicLink(home.resolve(".gitconfig"), Files.writeString(outside.resolve("secret"), "s\n"));
        Files.createDirectories(home.resolve(".m2"));
        Files.createSymbolicLink(home.resolve(".m2/repository"), outside);
        Map<String, String> env = CliRun.baseEnvironment();
        env.put("HOME", home.toString());

        CliRun r = CliRun.with(env, "--preset", "git,maven", "true").assertExplained();

        assertThat(r.out()).doesNotContain("  " + outside + "/secret  ro", "  " + outside + "/  rw");
        assertThat(r.errLines()).anyMatch(l -> l.contains(home.resolve(".gitconfig") + " -> " + outside.resolve("secret")
                + " [preset git: a link out of $HOME]") && l.contains(home.resolve(".m2/repository") + " -> " + outside
                + " [preset maven: a link out of $HOME]"));
    }

    @Test
    void anotherUsersHomeGivesThePresetsNothing() throws IOException {
        MachineCapability.ROOT.assume("a home of another user (chown) gives the presets nothing");
        Path home = Files.createDirectories(dir.resolve("their home"));
        Files.writeString(home.resolve(".gitconfig"), "[user]\n");
        Files.setAttribute(home, "unix:uid", 65534);
        Map<String, String> env = CliRun.baseEnvironment();
        env.put("HOME", home.toString());

        CliRun r = CliRun.with(env, "--preset", "git", "true").assertExplained();

        assertThat(r.out()).doesNotContain(home + "/.gitconfig  ro");
        assertThat(r.outLines()).anyMatch(l -> l.startsWith("not here:    {HOME}/.gitconfig  ro  [preset git: HOME "
                + home + " is no directory of yours]"));
    }

    @Test
    void aTmpdirInTheAccountsOwnConfigIsRefusedWhateverHomeSays() throws IOException {
        Path config = Path.of(System.getProperty("user.home"), ".config");
        assumeTrue(Files.isDirectory(config), config + " exists here");
        Map<String, String> env = CliRun.baseEnvironment();
        env.put("HOME", Files.createDirectories(dir.resolve("agent home")).toString());
        env.put("TMPDIR", config.toString());

        CliRun r = CliRun.with(env, "--preset", "tmp", "true").assertExplained();

        Path real = config.toRealPath();
        assertThat(r.rules("[preset tmp]")).noneMatch(l -> l.startsWith("  " + real + "/"));
        assertThat(r.err()).contains(real + " [preset tmp: writable, it opens ");
    }

    @Test
    void aDirectoryOnTheWayOthersOwnOrCanWriteStopsTheGrant() throws IOException {
        MachineCapability.ROOT.assume("a directory on the way given to another user (chown)");
        Path home = Files.createDirectories(dir.resolve("their m2"));
        Path m2 = Files.createDirectories(home.resolve(".m2"));
        Path repository = Files.createDirectories(m2.resolve("repository"));
        Files.setAttribute(m2, "unix:uid", 65534);
        Path open = Files.createDirectories(dir.resolve("open home"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        Map<String, String> env = CliRun.baseEnvironment();

        env.put("HOME", home.toString());
        CliRun swappable = CliRun.with(env, "--preset", "maven", "true").assertExplained();
        env.put("HOME", open.toString());
        CliRun.with(env, "--preset", "maven", "true").assertExplained();

        assertThat(swappable.out()).doesNotContain(repository + "/  rw");
        assertThat(swappable.errLines()).anyMatch(l -> l.contains("[preset maven: " + m2 + " on the way is another user's]"));
        assertThat(open).as("no cache made in a home others can write").isEmptyDirectory();
    }

    @Test
    void asRootATmpdirNeitherSharedNorBelowASharedDirectoryIsRefused() throws IOException {
        MachineCapability.ROOT.assume("root's TMPDIR outside /tmp (every directory is root's)");
        Path system = Files.createDirectories(Path.of("target", "tmpdir-" + UUID.randomUUID())).toRealPath();
        Path mine = Files.createDirectories(dir.resolve("mktemp")).toRealPath();
        Map<String, String> env = CliRun.baseEnvironment();
        try {
            env.put("TMPDIR", system.toString());
            CliRun refused = CliRun.with(env, "--preset", "tmp", "true").assertExplained();
            env.put("TMPDIR", mine.toString());
            CliRun granted = CliRun.with(env, "--preset", "tmp", "true").assertExplained();

            assertThat(refused.rules("[preset tmp]")).containsExactly("  /tmp/  rw  [preset tmp]");
            assertThat(refused.errLines()).singleElement().asString().contains("TMPDIR '" + system + "' is not granted");
            assertThat(granted.rules("[preset tmp]")).containsExactly("  " + mine + "/  rw  [preset tmp]");
        } finally {
            Files.delete(system);
        }
    }

    @Test
    void listingAFileIsOneErrorNamingIt() {
        CliRun.of("--ls", "/etc/hostname", "true").assertRefused("--ls: /etc/hostname is not a directory");
    }

    @Test
    void aLearnedSectionsCleanedCacheIsCreatedButNoOtherMissingPath() throws IOException {
        Path home = Files.createDirectories(dir.resolve("learned home"));
        Path config = dir.resolve("p.toml");
        Map<String, String> env = CliRun.configuredBy(config);
        env.put("HOME", home.toString());
        Path cache = home.resolve(".npm/_cacache");
        Files.writeString(config, "[true]\nrw = [\"" + cache + "\"]\n");

        CliRun cleaned = CliRun.with(env, "true").assertExplained();
        Files.writeString(config, "[true]\nrw = [\"" + home.resolve(".npm/other") + "\"]\n");

        assertThat(cleaned.rules("[p.toml [true] rw]")).containsExactly("  " + cache + "/  rw  [p.toml [true] rw]");
        CliRun.with(env, "true").assertRefused("path does not exist: " + home.resolve(".npm/other"));
    }

    @Test
    void toolsGrantsTheLocaleAliasesEveryProgramSettingItsLocaleReads() {
        assumeTrue(Files.exists(Path.of("/etc/locale.alias")), "/etc/locale.alias exists here");
        assertThat(CliRun.of("--preset", "tools", "true").assertExplained().rules("[preset tools]"))
                .contains("  /etc/locale.alias  ro  [preset tools]");
    }

    @Test
    void presetsListsEveryPresetWithWhatItGrantsHereAsOptions() {
        assertThat(presets(Abi.V7)).contains("dev", "  --rw /dev/null", "tmp", "  --rw /tmp", "maven",
                "  includes tools, dev, tmp, users, dns, tls, shell-env",
                "  --connect-udp 53  (Landlock mediates this from ABI 10; on this kernel it stays open)",
                "  --rox /nix/store  (skipped: missing here)");
        assertThat(presets(Abi.V10)).contains("  --connect-udp 53").noneMatch(l -> l.contains("stays open"));
    }

    /** {@code runlock presets} on a kernel at {@code abi}. */
    private static List<String> presets(Abi abi) {
        StringWriter out = new StringWriter();
        int status = RunlockCommand.run(new String[] {"presets"}, CliRun.baseEnvironment(), new PrintWriter(out), null,
                () -> FakeKernel.of(abi));
        assertThat(status).isZero();
        return out.toString().lines().toList();
    }
}
