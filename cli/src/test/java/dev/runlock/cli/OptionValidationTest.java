package dev.runlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runlock.landlock.Abi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad command lines: each is refused with one {@code runlock: error:} line naming the culprit. */
class OptionValidationTest {

    static Stream<Arguments> badPorts() {
        return Stream.of("--bind-tcp", "--connect-tcp", "--bind-udp", "--connect-udp")
                .flatMap(flag -> Stream.of("70000", "65536", "http", "-1", "1-", "-5", "5-3", "80-70000", "1.5")
                        .map(value -> Arguments.of(flag, value)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badPorts")
    void portsOutside0To65535OrMalformedAreRefusedByName(String flag, String value) {
        CliRun.of(flag, value, "true").assertRefused(flag, "'" + value + "'");
    }

    @Test
    void aBadPortInACommaSeparatedListIsNamed() {
        CliRun.of("--connect-tcp", "80,443,99999", "true").assertRefused("--connect-tcp", "'99999'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "x", "99", "-1", "3.0", ""})
    void abiOutsideTheKnownOnesIsRefused(String value) {
        CliRun.of("--abi", value, "true").assertRefused("--abi", value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"medium", "strict", "yes", ""})
    void unknownCompatLevelsAreRefused(String value) {
        CliRun.of("--compat", value, "true").assertRefused("--compat", "'" + value + "'", "best, soft, hard");
    }

    @ParameterizedTest
    @ValueSource(strings = {"best", "soft"})
    void strictConflictsWithAWeakerCompat(String level) {
        CliRun.of("--strict", "--compat", level, "true").assertRefused("--strict", "--compat " + level);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "-3", "1.5"})
    void keepFdNeedsADescriptorNumber(String value) {
        CliRun.of("--keep-fd", value, "true").assertRefused("--keep-fd", "'" + value + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"loud", "warning", "trace", ""})
    void unknownLogLevelsAreRefused(String value) {
        CliRun.of("--log-level", value, "true").assertRefused("--log-level", "'" + value + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"=VALUE", ""})
    void envNeedsAVariableName(String value) {
        CliRun.of("--env", value, "true").assertRefused("--env", "'" + value + "'");
    }

    @Test
    void aCommandIsRequired() {
        CliRun.of("--ro", "/etc").assertRefused("missing command");
        CliRun.of("--").assertRefused("missing command");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--frobnicate", "-x", "--RO", "-dx"})
    void unknownOptionsAreRefusedByName(String option) {
        CliRun.of(option, "true").assertRefused("Unknown option", "'" + option + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--ro", "--abi", "--compat", "--env", "--keep-fd", "--bind-tcp", "--log-level"})
    void anOptionWithoutItsValueIsRefusedByName(String option) {
        CliRun.of(option).assertRefused(option);
    }

    @Test
    void aNonBooleanValueForABooleanOptionIsRefused() {
        CliRun.of("--unrestricted-network=maybe", "true").assertRefused("--unrestricted-network", "maybe");
    }

    @Test
    void aMissingPathIsRefusedWithItsFlag() {
        CliRun.of("--rw", "/nonexistent/runlock-test", "true").assertRefused("/nonexistent/runlock-test", "--rw",
                "--ignore-missing");
    }

    @Test
    void aCommandNotOnPathIsRefusedByName() {
        CliRun.of("runlock-no-such-command").assertRefused("runlock-no-such-command", "not found");
    }

    @Test
    void aCommandThatCannotBeExecutedIsRefusedByName() {
        CliRun.of("/tmp").assertRefused("/tmp", "directory");
        CliRun.of("").assertRefused("''", "empty command");
    }

    @Test
    void validationStopsAtTheCommand() {
        CliRun run = CliRun.of("echo", "--abi", "99", "--frobnicate").assertExplained();
        assertThat(run.line("command:")).endsWith("/echo --abi 99 --frobnicate");
    }

    @ParameterizedTest(name = "kernel {0}")
    @EnumSource(Abi.class)
    void hardCompatRefusesWhatTheKernelCannotEnforceAndNamesIt(Abi abi) {
        for (String hard : List.of("--compat=hard", "--strict")) {
            CliRun run = CliRun.on(abi).of(hard, "--abi", "10", "--bind-udp", "53", "true");
            if (abi == Abi.NONE) {
                run.assertRefused("no Landlock", "(required by --compat hard)");
            } else if (abi.atLeast(Abi.V10)) {
                assertThat(run.assertExplained().line("enforcement:")).isEqualTo("enforcement: fully enforced");
            } else {
                run.assertRefused("Landlock " + abi + " lacks", "UDP (ABI 10)", "--compat hard");
            }
        }
    }

    static Stream<Arguments> emptyItems() {
        return Stream.of(Arguments.of("--rw", "", "path"), Arguments.of("--ro", "/etc,,/usr", "path"),
                Arguments.of("--rox", "/usr,", "path"), Arguments.of("--rwx", ",/tmp", "path"),
                Arguments.of("--unix", "", "path"), Arguments.of("--bind-tcp", "80,", "port"),
                Arguments.of("--connect-udp", "", "port"), Arguments.of("--keep-fd", "", "fd"));
    }

    /** {@code --rw "$UNSET"} once granted the working directory: an empty item is refused, naming the flag. */
    @ParameterizedTest(name = "{0} ''{1}''")
    @MethodSource("emptyItems")
    void anEmptyListItemIsRefused(String flag, String value, String what) {
        CliRun.of(flag, value, "true").assertRefused(flag + ": empty " + what + " in '" + value + "'");
        CliRun.of(flag + "=" + value, "true").assertRefused(flag + ": empty " + what);
    }

    @Test
    void anEmptyPathSaysAVariableMayBeUnset() {
        CliRun.of("--rw", "", "true").assertRefused("--rw: empty path in '' (an unset variable?)");
        assertThat(CliRun.of("--rw", ".", "true").assertExplained().rules("[--rw]")).hasSize(1);
    }

    /**
     * {@code runlock --ro /etc trust} once trusted ./sandbox.toml without a word about {@code --ro}: options
     * before any subcommand word are refused in one line saying how to run a command of that name, which
     * {@code --} does, options kept.
     */
    @ParameterizedTest
    @ValueSource(strings = {"status", "trust", "untrust", "presets", "learn", "diagnose"})
    void optionsBeforeASubcommandWordAreRefusedNotDropped(String word, @TempDir Path dir) throws IOException {
        Map<String, String> env = CliRun.baseEnvironment();
        env.put("XDG_CONFIG_HOME", dir.resolve("xdg").toString());
        env.put("PATH", dir + ":" + env.get("PATH"));
        Path command = Files.writeString(dir.resolve(word), "#!/bin/sh\n");
        Files.setPosixFilePermissions(command, PosixFilePermissions.fromString("rwxr-xr-x"));
        CliRun.on(Abi.newest()).exactly(env, "--ro", "/etc", word).assertRefused("options go after '" + word + "'",
                "runlock " + word, "runlock [OPTIONS] -- " + word);
        assertThat(dir.resolve("xdg")).as("nothing trusted or untrusted").doesNotExist();
        CliRun run = CliRun.on(Abi.newest()).with(env, "--ro", "/etc", "--", word).assertExplained();
        assertThat(run.line("command:")).isEqualTo("command:     " + command);
        assertThat(run.rules("[--ro]")).singleElement().asString().startsWith("  /etc/");
    }

    /** {@code --rw "$PWD"} in a directory named {@code x,..} once granted {@code ..}: an existing path is one value. */
    @ParameterizedTest
    @ValueSource(strings = {"--ro", "--rox", "--rw", "--rwx", "--unix"})
    void aValueNamingAnExistingPathIsNotSplitAtItsCommas(String flag, @TempDir Path dir) throws IOException {
        Path comma = Files.createDirectory(dir.resolve("x,.."));
        assertThat(CliRun.of(flag, comma.toString(), "true").assertExplained().rules("[" + flag + "]"))
                .singleElement().asString().startsWith("  " + comma + "/  ");
        Files.createDirectory(dir.resolve("x"));
        CliRun.of(flag, comma.toString(), "true").assertRefused(flag + ": '" + comma + "' is ambiguous",
                "give each with its own " + flag);
        Path a = Files.createDirectory(dir.resolve("a"));
        Path b = Files.createDirectory(dir.resolve("b"));
        assertThat(CliRun.of(flag, a + "," + b, "true").assertExplained().rules("[" + flag + "]"))
                .as("the control: a value that names no path is a list").hasSize(2);
    }
}
