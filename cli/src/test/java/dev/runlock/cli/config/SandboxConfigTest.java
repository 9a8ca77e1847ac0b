package dev.runlock.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runlock.landlock.Abi;
import dev.runlock.landlock.CompatLevel;
import dev.runlock.sandbox.PortRange;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading {@code sandbox.toml}. */
class SandboxConfigTest {
    @TempDir
    Path dir;

    private Optional<ConfigSection> read(String toml, String command) throws ConfigException {
        return Optional.ofNullable(SandboxConfig.sections(dir.resolve("sandbox.toml"), toml).get(command));
    }

    private String readError(String toml) {
        return assertThatThrownBy(() -> read(toml, "true")).isInstanceOf(ConfigException.class)
                .actual().getMessage();
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
    void malformedTomlNamesFileLineAndColumn() {
        Path file = dir.resolve("sandbox.toml");
        assertThat(readError("[t]\nro = [\"/etc\"\nrw = []\n")).startsWith(file + ":3:1: ");
        assertThat(readError("[t]\nro = [\"/etc]\n")).startsWith(file + ":2:");
        assertThat(readError("[t\n")).startsWith(file + ":1:");
        assertThat(readError("[t]\nro = []\nro = []\n")).startsWith(file + ":3:1: ");
    }

    @Test
    void anUnknownKeyIsNamedWithItsPosition() {
        assertThat(readError("[t]\n\nro = [\"/etc\"]\n  rox_paths = []\n"))
                .isEqualTo(dir.resolve("sandbox.toml") + ":4:3: unknown key 'rox_paths' in [t]");
    }

    @Test
    void keysOutsideASectionAreRefused() {
        assertThat(readError("ro = [\"/etc\"]\n")).isEqualTo(dir.resolve("sandbox.toml")
                + ":1:1: 'ro' is not a section: put keys under [command-name]");
    }

    /** A value of the wrong type for each key is refused at the key's position, naming the type. */
    @ParameterizedTest
    @EnumSource(ConfigKey.class)
    void aWrongTypeIsNamedWithItsPosition(ConfigKey key) {
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
    void aBadPortIsNamed(String port) {
        assertThat(readError("[t]\nconnect_udp = [443, " + port + "]\n"))
                .startsWith(dir.resolve("sandbox.toml") + ":2:1: connect_udp: invalid port")
                .contains(port.replace("\"", ""));
    }

    @Test
    void unusableCompatAbiAndEnvValuesAreNamedWithTheirPosition() {
        Path file = dir.resolve("sandbox.toml");
        assertThat(readError("[t]\ncompat = \"firm\"\n")).startsWith(file + ":2:1: compat: ").contains("'firm'");
        assertThat(readError("[t]\nabi = 0\n")).startsWith(file + ":2:1: abi: ").contains("ABI 0");
        assertThat(readError("[t]\nabi = 12\n")).startsWith(file + ":2:1: abi: ").contains("ABI 12");
        assertThat(readError("[t]\nenv = [\"HOME\", \"=x\"]\n")).isEqualTo(file + ":2:1: env: '=x' has no variable name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ro", "rox", "rw", "rwx", "unix", "executable_dependencies"})
    void anEmptyPathIsNamedWithItsPosition(String key) {
        assertThat(readError("[t]\n" + key + " = [\"/usr\", \"\"]\n"))
                .isEqualTo(dir.resolve("sandbox.toml") + ":2:1: " + key + ": empty path");
    }

    @Test
    void aNulCharacterInAStringIsNamedWithItsPosition() {
        assertThat(readError("[t]\nrw = [\"/tmp\\u0000/etc\"]\n"))
                .isEqualTo(dir.resolve("sandbox.toml") + ":2:1: rw: '/tmp\\0/etc' holds a NUL character");
    }
}
