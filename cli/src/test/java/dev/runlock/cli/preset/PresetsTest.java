package dev.runlock.cli.preset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runlock.cli.config.ConfigException;
import dev.runlock.cli.config.ConfigKey;
import dev.runlock.cli.config.ConfigSection;
import dev.runlock.cli.persistence.PersistencePoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The built-in presets file, checked at build time with the loader runlock uses at run time, and
 * the loader's checks on a malformed one.
 */
class PresetsTest {
    private static final PresetContext HERE = new PresetContext(
            Map.of("HOME", "/root", "PATH", "/usr/bin:/bin"), Optional.empty());

    @TempDir
    Path dir;

    @Test
    void theBuiltInFileLoadsWithEveryPresetTheIssueNames() {
        assertThat(Presets.builtIn().names()).contains("dev", "tty", "shell-env", "tmp", "dns", "tls", "git",
                "python", "nix", "maven", "gradle", "npm");
    }

    @Test
    void theIndexInTheJarHoldsExactlyWhatTheLoaderReadsFromPresetsToml() throws Exception {
        String toml = new String(Presets.class.getResourceAsStream(Presets.RESOURCE).readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        Presets parsed = Presets.parse(toml);
        assertThat(List.copyOf(Presets.builtIn().sections())).isEqualTo(List.copyOf(parsed.sections()));
        assertThat(PresetIndex.read(PresetIndex.write(parsed)).values()).containsExactlyElementsOf(parsed.sections());
    }

    @Test
    void everyBuiltInPresetResolvesHereToAbsolutePathsPortsAndVariables() {
        Presets presets = Presets.builtIn();
        for (String name : presets.names()) {
            ResolvedPresets resolved = presets.resolve(List.of(name), HERE);
            assertThat(resolved.entries()).as(name).isNotEmpty();
            for (PresetEntry entry : resolved.entries()) {
                if (Presets.PATH_KEYS.contains(entry.key()) && entry.granted()) {
                    assertThat(Path.of(entry.value())).as(name + " " + entry).isAbsolute().exists();
                }
            }
        }
    }

    @Test
    void anIncludedPresetComesFirstAndOnlyOnce() {
        assertThat(Presets.builtIn().expand(List.of("git", "dev", "maven")))
                .startsWith("dev", "git").doesNotHaveDuplicates().contains("tools", "tmp", "dns", "tls", "maven");
    }

    @Test
    void anUnknownNameIsRefusedNamingTheKnownOnes() {
        assertThatThrownBy(() -> Presets.builtIn().expand(List.of("dve")))
                .hasMessageContaining("unknown preset 'dve'").hasMessageContaining("dev, tty");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a key that narrows the sandbox | [a]\\nunrestricted_network = true  | [a] unrestricted_network: not allowed in a preset
            an unknown key                 | [a]\\nrox2 = ["/usr"]              | unknown key 'rox2' in [a]
            a relative path                | [a]\\nro = ["etc"]                 | [a] ro: 'etc' is neither absolute nor starts with a placeholder
            an unknown placeholder         | [a]\\nro = ["{HOMEDIR}/x"]         | [a] ro: '{HOMEDIR}/x' is neither absolute
            a placeholder glued to a name  | [a]\\nro = ["{HOME}x"]             | [a] ro: '{HOME}x': a placeholder is followed by /PATH
            a climb out of a placeholder   | [a]\\nrw = ["{HOME}/../etc"]       | [a] rw: '{HOME}/../etc': a placeholder is followed by /PATH
            a star before the last part    | [a]\\nro = ["/etc/*/x"]            | [a] ro: '/etc/*/x': only the last component may hold *
            a wrong type                   | [a]\\nconnect_tcp = ["https"]      | presets.toml:2:1: connect_tcp:
            an unknown include             | [a]\\npreset = ["b"]               | [a] preset: unknown preset 'b'
            a cycle                        | [a]\\npreset = ["b"]\\n[b]\\npreset = ["a"] | includes itself through a -> b -> a
            broken TOML                    | [a\\nro = 1                         | presets.toml:1:
            """)
    void aMalformedPresetFileIsRefusedNamingSectionAndKey(String what, String toml, String message) {
        assertThatThrownBy(() -> Presets.parse(toml.replace("\\n", "\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(message);
    }

    @Test
    void tmpIsTmpdirWhenItIsADirectoryOfItsOwn() throws IOException {
        Path home = Files.createDirectory(dir.resolve("h"));
        Path own = Files.createDirectory(dir.resolve("t")).toRealPath();
        Path inHome = Files.createDirectory(home.resolve("tmp")).toRealPath();
        Map<String, Path> expected = Map.of(own.toString(), own, own + "/", own, dir + "/x/../t", own,
                inHome.toString(), inHome, "/var/tmp", Path.of("/var/tmp").toRealPath());
        expected.forEach((tmpdir, granted) -> {
            ResolvedPresets tmp = resolve("tmp", Map.of("TMPDIR", tmpdir, "HOME", home.toString()));
            assertThat(lines(tmp)).as(tmpdir).containsExactly("rw " + granted);
            assertThat(tmp.warnings()).as(tmpdir).isEmpty();
        });
        assertThat(granted("tmp", Map.of())).containsExactly("rw /tmp");
    }

    @ParameterizedTest(name = "TMPDIR={0}")
    @ValueSource(strings = {"/", "//", "/etc", "/usr/lib", "/usr/..", "/lib64", "/sys/fs", "/var", "/home", "/run",
            "relative", "/tmp/\uDCFF", "HOME", "HOME/", "HOME/..", "HOME/x/../.."})
    void aTmpdirThatWouldGrantTooMuchGivesSlashTmpAndOneWarningNamingIt(String tmpdir) throws IOException {
        Path home = Files.createDirectory(dir.resolve("h"));
        String value = tmpdir.replace("HOME", home.toString());
        ResolvedPresets tmp = resolve("tmp", Map.of("TMPDIR", value, "HOME", home.toString()));
        assertThat(lines(tmp)).containsExactly("rw /tmp");
        assertThat(tmp.warnings()).singleElement().asString()
                .startsWith("TMPDIR '" + value + "' is not granted").endsWith("/tmp is granted instead");
    }

    @Test
    void aTmpdirLinkIsJudgedByItsTarget() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("link"), Path.of("/etc"));
        assertThat(resolve("tmp", Map.of("TMPDIR", link.toString())).warnings()).hasSize(1);
        Files.delete(link);
    }

    @Test
    void javaHomeIsAJdkOtherThanTheHomeDirectoryOrAbove() throws IOException {
        Path jdk = fakeJdk(dir.resolve("jdk"));
        Path home = fakeJdk(dir.resolve("h"));
        assertThat(javaHome(Map.of("JAVA_HOME", jdk + "/", "HOME", home.toString())).value())
                .isEqualTo(jdk.toRealPath().toString());
        for (String javaHome : List.of("/", home.toString(), home + "/", dir.toString(), dir.resolve("h/bin").toString(),
                "relative")) {
            PresetEntry entry = javaHome(Map.of("JAVA_HOME", javaHome, "HOME", home.toString()));
            assertThat(entry.absence()).as(javaHome).get().asString().startsWith("JAVA_HOME '" + javaHome + "' is not a JDK");
        }
    }

    @Test
    void withoutJavaHomeTheJdkOfAJavaOnPathIsOneWithAReleaseFileOutsideHome() throws IOException {
        Path jdk = fakeJdk(dir.resolve("jdk"));
        Path home = fakeJdk(dir.resolve("h"));
        Path wrapper = Files.createDirectories(home.resolve("wrapper/bin"));
        Files.createSymbolicLink(wrapper.resolve("java"), home.resolve("bin/java"));
        Path links = Files.createDirectory(dir.resolve("links"));
        Files.createSymbolicLink(links.resolve("java"), jdk.resolve("bin/java"));
        assertThat(javaHome(Map.of("HOME", home.toString(), "PATH",
                "bin:" + home.resolve("bin") + ":" + wrapper + ":" + links + ":/usr/bin")).value())
                .isEqualTo(jdk.toRealPath().toString());
        assertThat(javaHome(Map.of("HOME", home.toString(), "PATH", home.resolve("bin").toString())).absence())
                .contains("JAVA_HOME is not set and no JDK's bin/java is on PATH");
    }

    /** What preset maven makes of {@code {JAVA_HOME}}. */
    private static PresetEntry javaHome(Map<String, String> environment) {
        return resolve("maven", environment).entries().stream().filter(e -> e.written().equals("{JAVA_HOME}"))
                .findFirst().orElseThrow();
    }

    /** A directory with what a JDK has: {@code release} and an executable {@code bin/java}. */
    private static Path fakeJdk(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("bin"));
        Files.writeString(dir.resolve("release"), "JAVA_VERSION=\"17\"\n");
        Path java = Files.writeString(dir.resolve("bin/java"), "#!/bin/sh\n");
        java.toFile().setExecutable(true);
        return dir;
    }

    @Test
    void homeEntriesAreSkippedWithTheReasonWhenHomeIsUnsetOrUnusable() {
        ResolvedPresets git = Presets.builtIn().resolve(List.of("git"), new PresetContext(Map.of(), Optional.empty()));
        assertThat(git.skipped()).filteredOn(e -> e.written().startsWith("{HOME}"))
                .extracting(e -> e.absence().orElseThrow()).isNotEmpty().containsOnly("HOME is not set");
        assertThat(git.entries()).filteredOn(PresetEntry::granted).noneMatch(e -> e.written().startsWith("{HOME}"));
        for (String home : List.of("relative", "/home/\uDCFFuser")) {
            assertThat(resolve("git", Map.of("HOME", home)).skipped()).filteredOn(e -> e.written().startsWith("{HOME}"))
                    .extracting(e -> e.absence().orElseThrow()).isNotEmpty().containsOnly("HOME is not an absolute UTF-8 path");
        }
    }

    @Test
    void aMissingPathIsSkippedAndAnExistingLinkGrantsItsTarget() throws Exception {
        Path target = Files.writeString(dir.resolve("target.conf"), "x");
        Path link = Files.createSymbolicLink(dir.resolve("link.conf"), target);
        Presets presets = Presets.parse("[p]\nro = [\"" + link + "\", \"" + dir.resolve("absent") + "\"]\n");
        ResolvedPresets resolved = presets.resolve(List.of("p"), HERE);
        assertThat(resolved.entries()).containsExactly(
                new PresetEntry("p", ConfigKey.RO, target.toRealPath().toString(), link.toString(), Optional.empty()),
                new PresetEntry("p", ConfigKey.RO, dir.resolve("absent").toString(), dir.resolve("absent").toString(),
                        Optional.of("missing here")));
        assertThat(resolved.sections()).singleElement().extracting(s -> s.strings(ConfigKey.RO))
                .isEqualTo(List.of(target.toRealPath().toString()));
    }

    @Test
    void aLinkOrComputedValueThatResolvesToABroadDirectoryIsRefusedWithOneWarning() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home/u"));
        Path toRoot = Files.createSymbolicLink(home.resolve(".nix-profile"), Path.of("/"));
        Path toHome = Files.createSymbolicLink(home.resolve(".config-git"), home);
        Path toTop = Files.createSymbolicLink(home.resolve("top"), Path.of("/usr/.."));
        Path fine = Files.createSymbolicLink(home.resolve("fine"), Files.createDirectories(home.resolve("cache")));
        Presets presets = Presets.parse("[p]\nro = [\"{HOME}/.nix-profile\", \"{HOME}/.config-git\", \""
                + toTop + "\", \"{HOME}/fine\", \"/usr\"]\n");

        ResolvedPresets resolved = presets.resolve(List.of("p"), new PresetContext(Map.of("HOME", home.toString()),
                Optional.empty()));

        assertThat(lines(resolved)).containsExactly("ro " + home.toRealPath().resolve("cache"), "ro /usr");
        assertThat(resolved.skipped()).extracting(e -> e.absence().orElseThrow()).containsExactly(
                "resolves to /, the root directory", "resolves to " + home.toRealPath() + ", your home directory or above it",
                "resolves to /, the root directory");
        assertThat(resolved.warnings()).singleElement().asString().contains(toRoot + " -> / [preset p: the root directory]",
                toHome + " -> " + home.toRealPath() + " [preset p: your home directory or above it]");
    }

    @Test
    void aTopLevelDirectoryReachedThroughALinkIsRefusedWrittenOneIsNot() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("etc"), Path.of("/etc"));
        Presets presets = Presets.parse("[p]\nro = [\"" + link + "\", \"/etc\"]\n");
        ResolvedPresets resolved = presets.resolve(List.of("p"), HERE);
        assertThat(lines(resolved)).containsExactly("ro /etc");
        assertThat(resolved.skipped()).singleElement().extracting(e -> e.absence().orElseThrow())
                .isEqualTo("resolves to /etc, a top-level directory");
    }

    @Test
    void noPresetGrantsAPersistencePointWritableNorADirectoryThatHoldsOne() {
        PersistencePoints points = PersistencePoints.of(Map.of("HOME", "/home/u"));
        List<String> writable = new java.util.ArrayList<>();
        for (ConfigSection preset : Presets.builtIn().sections()) {
            for (ConfigKey key : List.of(ConfigKey.RW, ConfigKey.RWX)) {
                preset.strings(key).stream().filter(v -> !v.startsWith(Placeholder.TERMINALS.token()))
                        .map(v -> v.replace(Placeholder.HOME.token(), "/home/u").replace(Placeholder.TMPDIR.token(), "/tmp"))
                        .forEach(v -> writable.add(preset.name() + " " + v));
            }
        }
        assertThat(writable).contains("maven /home/u/.m2/repository", "gradle /home/u/.gradle/caches",
                "npm /home/u/.npm/_cacache");
        assertThat(writable).allSatisfy(entry -> {
            Path path = Path.of(entry.substring(entry.indexOf(' ') + 1));
            assertThat(points.within(path)).as(entry).isEmpty();
        });
        // Control: the grants these presets made before opened the wrapper, settings and init scripts.
        assertThat(points.within(Path.of("/home/u/.m2"))).isNotEmpty();
        assertThat(points.within(Path.of("/home/u/.gradle"))).isNotEmpty();
    }

    @Test
    void aWritableValueThatWouldOpenAPersistencePointIsRefusedWithOneWarning() throws IOException {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path ssh = Files.createDirectories(home.resolve(".ssh"));
        Path own = Files.createDirectories(home.resolve("tmp"));
        ResolvedPresets intoSsh = resolve("tmp", Map.of("HOME", home.toString(), "TMPDIR", ssh.toString()));
        assertThat(intoSsh.entries()).singleElement().extracting(e -> e.absence().orElseThrow()).asString()
                .contains("opens " + ssh.toRealPath());
        assertThat(intoSsh.warnings()).singleElement().asString().contains(ssh + " -> " + ssh.toRealPath() + " [preset tmp:");
        // Control: a temporary directory of its own in the home is granted.
        assertThat(granted("tmp", Map.of("HOME", home.toString(), "TMPDIR", own.toString())))
                .containsExactly("rw " + own.toRealPath());
    }

    @Test
    void gitGrantsNoCredentialsAndGitCredentialsSaysSoInItsName() throws IOException {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path config = Files.createDirectories(home.resolve(".config/git"));
        Files.writeString(home.resolve(".git-credentials"), "https://u:token@example.invalid\n");
        Files.writeString(config.resolve("credentials"), "");
        Files.writeString(config.resolve("config"), "");
        Map<String, String> env = Map.of("HOME", home.toString());
        assertThat(paths("git", env)).noneMatch(path -> path.contains("credentials"))
                .contains(config.toRealPath().resolve("config").toString());
        assertThat(paths("git-credentials", env)).contains(home.toRealPath().resolve(".git-credentials").toString(),
                config.toRealPath().resolve("credentials").toString());
    }

    private static List<String> paths(String preset, Map<String, String> environment) {
        return resolve(preset, environment).entries().stream().filter(PresetEntry::granted)
                .filter(e -> e.key() != ConfigKey.ENV).map(PresetEntry::value).toList();
    }

    @Test
    void aStarInTheLastComponentGrantsEachMatchAndNothingWhenNoneMatches() throws Exception {
        Files.createDirectory(dir.resolve("java-17"));
        Files.createDirectory(dir.resolve("java-25"));
        Files.createDirectory(dir.resolve("other"));
        Presets presets = Presets.parse("[p]\nro = [\"" + dir + "/java-*\", \"" + dir + "/none-*\"]\n");
        assertThat(presets.resolve(List.of("p"), HERE).entries()).extracting(e -> e.value() + " " + e.absence())
                .containsExactly(dir.toRealPath() + "/java-17 Optional.empty",
                        dir.toRealPath() + "/java-25 Optional.empty",
                        dir + "/none-* Optional[nothing matches]");
    }

    @Test
    void aValueTwoPresetsGrantIsGrantedOnceUnderTheFirst() {
        ResolvedPresets resolved = Presets.builtIn().resolve(List.of("users", "dns"), HERE);
        assertThat(resolved.entries()).filteredOn(e -> e.value().equals("/etc/nsswitch.conf"))
                .extracting(PresetEntry::preset).containsExactly("users", "dns");
        assertThat(resolved.sections()).filteredOn(s -> s.strings(ConfigKey.RO).contains("/etc/nsswitch.conf"))
                .singleElement().extracting(ConfigSection::name).isEqualTo("users");
    }

    private static ResolvedPresets resolve(String preset, Map<String, String> environment) {
        return Presets.builtIn().resolve(List.of(preset), new PresetContext(environment, Optional.empty()));
    }

    private static List<String> granted(String preset, Map<String, String> environment) {
        return lines(resolve(preset, environment));
    }

    private static List<String> lines(ResolvedPresets resolved) {
        return resolved.sections().stream().flatMap(PresetsTest::lines).toList();
    }

    private static java.util.stream.Stream<String> lines(ConfigSection section) {
        return section.values().keySet().stream().flatMap(k -> section.strings(k).stream().map(v -> k.tomlName() + " " + v));
    }
}
