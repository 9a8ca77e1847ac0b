package dev.runlock.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.runlock.landlock.Abi;
import dev.runlock.landlock.CompatLevel;
import dev.runlock.sandbox.PortRange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Finding, trusting and reading {@code sandbox.toml}. */
class SandboxConfigTest {
    @TempDir
    Path dir;

    private Path write(String name, String toml) throws IOException {
        return Files.writeString(dir.resolve(name), toml);
    }

    private Optional<ConfigSection> read(String toml, String command) throws IOException, ConfigException {
        return SandboxConfig.read(write("sandbox.toml", toml), command);
    }

    private String readError(String toml) throws IOException {
        Path file = write("sandbox.toml", toml);
        return assertThatThrownBy(() -> SandboxConfig.read(file, "true")).isInstanceOf(ConfigException.class)
                .actual().getMessage();
    }

    @Test
    void withoutSandboxConfigTheWorkingDirectorysFileIsUsed() throws Exception {
        assertThat(SandboxConfig.locate(Map.of(), dir)).isEmpty();
        Path local = write("sandbox.toml", "");
        assertThat(SandboxConfig.locate(Map.of(), dir)).contains(local);
        assertThat(SandboxConfig.locate(Map.of("SANDBOX_CONFIG", ""), dir)).contains(local);
    }

    @Test
    void sandboxConfigWinsAndIsResolvedAgainstTheWorkingDirectory() throws Exception {
        write("sandbox.toml", "");
        Path named = write("other.toml", "");
        assertThat(SandboxConfig.locate(Map.of("SANDBOX_CONFIG", named.toString()), Path.of("/"))).contains(named);
        assertThat(SandboxConfig.locate(Map.of("SANDBOX_CONFIG", "other.toml"), dir)).contains(named);
    }

    @ParameterizedTest
    @ValueSource(strings = {"absent.toml", "."})
    void aSandboxConfigThatIsNoFileIsAnError(String name) {
        assertThatThrownBy(() -> SandboxConfig.locate(Map.of("SANDBOX_CONFIG", name), dir))
                .isInstanceOf(ConfigException.class).hasMessageContaining(dir.resolve(name).toString())
                .hasMessageContaining("SANDBOX_CONFIG");
    }

    @Test
    void theSectionNamedAfterTheCommandIsReturned() throws Exception {
        String toml = "[cat]\nro = [\"/etc\"]\n[ls]\nro = [\"/usr\"]\n";
        ConfigSection cat = read(toml, "cat").orElseThrow();
        assertThat(cat.name()).isEqualTo("cat");
        assertThat(cat.strings(ConfigKey.RO)).containsExactly("/etc");
        assertThat(read(toml, "ls").orElseThrow().strings(ConfigKey.RO)).containsExactly("/usr");
        assertThat(read(toml, "grep")).isEmpty();
    }

    @Test
    void quotedSectionNamesMatchCommandsWithDots() throws Exception {
        assertThat(read("[\"python3.11\"]\nrox = [\"/usr\"]\n", "python3.11")).isPresent();
    }

    @Test
    void valuesAreTyped() throws Exception {
        ConfigSection s = read("""
                [t]
                rw = ["/tmp", "/var/tmp"]
                bind_tcp = [80, "8000-8100", " 90 "]
                unrestricted_network = true
                compat = "soft"
                abi = 4
                keep_fd = [3, 4]
                env = ["A=b=c", "HOME"]
                """, "t").orElseThrow();
        assertThat(s.strings(ConfigKey.RW)).containsExactly("/tmp", "/var/tmp");
        assertThat(s.paths(ConfigKey.RW)).containsExactly(Path.of("/tmp"), Path.of("/var/tmp"));
        assertThat(s.ports(ConfigKey.BIND_TCP)).containsExactly(new PortRange(80, 80), new PortRange(8000, 8100),
                new PortRange(90, 90));
        assertThat(s.flag(ConfigKey.UNRESTRICTED_NETWORK)).contains(true);
        assertThat(s.flag(ConfigKey.UNRESTRICTED_FILESYSTEM)).isEmpty();
        assertThat(s.compat()).contains(CompatLevel.SOFT_REQUIREMENT);
        assertThat(s.abi()).contains(Abi.V4);
        assertThat(s.env()).containsExactly(new EnvSpec("A", Optional.of("b=c")), new EnvSpec("HOME", Optional.empty()));
        assertThat(s.integers(ConfigKey.KEEP_FD)).containsExactly(3, 4);
        assertThat(s.strings(ConfigKey.RO)).isEmpty();
        assertThatThrownBy(() -> s.strings(ConfigKey.BIND_TCP)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void compatLevelsHaveTheirCliNames() {
        assertThat(CompatNames.parse("best")).isEqualTo(CompatLevel.BEST_EFFORT);
        assertThat(CompatNames.parse(" Soft ")).isEqualTo(CompatLevel.SOFT_REQUIREMENT);
        assertThat(CompatNames.parse("hard")).isEqualTo(CompatLevel.HARD_REQUIREMENT);
        assertThatThrownBy(() -> CompatNames.parse("strict"))
                .hasMessage("'strict' is not a compatibility level (best, soft, hard)");
    }

    @Test
    void malformedTomlNamesFileLineAndColumn() throws IOException {
        Path file = dir.resolve("sandbox.toml");
        assertThat(readError("[t]\nro = [\"/etc\"\nrw = []\n")).startsWith(file + ":3:1: ");
        assertThat(readError("[t]\nro = [\"/etc]\n")).startsWith(file + ":2:");
        assertThat(readError("[t\n")).startsWith(file + ":1:");
        assertThat(readError("[t]\nro = []\nro = []\n")).startsWith(file + ":3:1: ");
    }

    @Test
    void anUnknownKeyIsNamedWithItsPosition() throws IOException {
        assertThat(readError("[t]\n\nro = [\"/etc\"]\n  rox_paths = []\n"))
                .isEqualTo(dir.resolve("sandbox.toml") + ":4:3: unknown key 'rox_paths' in [t]");
    }

    @Test
    void keysOutsideASectionAreRefused() throws IOException {
        assertThat(readError("ro = [\"/etc\"]\n")).isEqualTo(dir.resolve("sandbox.toml")
                + ":1:1: 'ro' is not a section: put keys under [command-name]");
    }

    /** A value of the wrong type for each key is refused at the key's position, naming the type. */
    @ParameterizedTest
    @EnumSource(ConfigKey.class)
    void aWrongTypeIsNamedWithItsPosition(ConfigKey key) throws IOException {
        List<String> wrong = switch (key.type()) {
            case STRINGS, ENV -> List.of("\"/etc\"", "[1]", "true");
            case PORTS -> List.of("80", "[true]", "[1.5]");
            case BOOLEAN -> List.of("\"yes\"", "1", "[true]");
            case COMPAT -> List.of("1", "[\"best\"]", "false");
            case ABI -> List.of("\"3\"", "3.0", "[3]", "-1");
            case INTEGERS -> List.of("3", "[\"3\"]", "[-1]");
        };
        for (String value : wrong) {
            assertThat(readError("[t]\n" + key.tomlName() + " = " + value + "\n")).as(value).isEqualTo(
                    dir.resolve("sandbox.toml") + ":2:1: " + key.tomlName() + ": must be " + key.type().description());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"70000", "\"http\"", "\"1-\"", "\"5-3\"", "-1"})
    void aBadPortIsNamed(String port) throws IOException {
        assertThat(readError("[t]\nconnect_udp = [443, " + port + "]\n"))
                .startsWith(dir.resolve("sandbox.toml") + ":2:1: connect_udp: invalid port")
                .contains(port.replace("\"", ""));
    }

    @Test
    void unusableCompatAbiAndEnvValuesAreNamedWithTheirPosition() throws IOException {
        Path file = dir.resolve("sandbox.toml");
        assertThat(readError("[t]\ncompat = \"firm\"\n")).startsWith(file + ":2:1: compat: ").contains("'firm'");
        assertThat(readError("[t]\nabi = 0\n")).startsWith(file + ":2:1: abi: ").contains("ABI 0");
        assertThat(readError("[t]\nabi = 12\n")).startsWith(file + ":2:1: abi: ").contains("ABI 12");
        assertThat(readError("[t]\nenv = [\"HOME\", \"=x\"]\n")).isEqualTo(file + ":2:1: env: '=x' has no variable name");
    }

    @Test
    void theCallersOwnFileIsTrusted() throws Exception {
        Path file = write("sandbox.toml", "[t]\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThat(SandboxConfig.read(file, "t")).isPresent();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(SandboxConfig.read(file, "t")).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-rw-r--", "rw-r--rw-", "rw-rw-rw-"})
    void aFileOthersCanWriteIsRefused(String mode) throws IOException {
        Path file = write("sandbox.toml", "[t]\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        assertThatThrownBy(() -> SandboxConfig.read(file, "t")).isInstanceOf(ConfigException.class)
                .hasMessage(file + ": refusing config writable by group or others (chmod go-w " + file + ")");
    }

    @Test
    void aFileOwnedByAnotherUserIsRefused() throws IOException {
        assumeTrue(uid(Path.of("/proc/self")) == 0, "giving a file to another user needs root");
        Path file = write("sandbox.toml", "[t]\n");
        Files.setAttribute(file, "unix:uid", 1234);
        assertThatThrownBy(() -> SandboxConfig.read(file, "t")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ": refusing config owned by uid 1234");
    }

    @Test
    void trustIsCheckedBeforeTheFileIsParsed() throws IOException {
        Path file = write("sandbox.toml", "not toml at all [");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
        assertThatThrownBy(() -> SandboxConfig.read(file, "t")).hasMessageContaining("writable by group or others");
    }

    private static int uid(Path path) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:uid");
    }
}
