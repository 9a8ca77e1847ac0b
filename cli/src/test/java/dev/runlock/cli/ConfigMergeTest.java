package dev.runlock.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runlock.cli.config.ConfigKey;
import dev.runlock.landlock.Abi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code sandbox.toml} read through the command line: every key, and how flags merge with it, on every ABI. */
@ParameterizedClass(name = "kernel {0}")
@EnumSource(Abi.class)
class ConfigMergeTest {
    @TempDir
    Path dir;

    @Parameter
    Abi abi;

    private Path file;
    private Map<String, String> env;

    @BeforeEach
    void environment() {
        file = dir.resolve("sandbox.toml");
        env = CliRun.configuredBy(file);
    }

    private CliRun run(String toml, String... args) throws IOException {
        Files.writeString(file, toml);
        return CliRun.on(abi).with(env, args);
    }

    private static String origin(String key) {
        return "[sandbox.toml [true] " + key + "]";
    }

    /**
     * TOML setting {@code key} and what it must do to {@code runlock --explain true} on a kernel where
     * it is {@code observable}; {@code context} is TOML the effect needs that is in the section with
     * and without the key.
     */
    private record KeyCase(String context, String toml, Predicate<Abi> observable, Consumer<CliRun> effect) {
        /** A key whose effect shows from ABI {@code since} ({@link Abi#NONE}: everywhere). */
        KeyCase(String toml, Abi since, Consumer<CliRun> effect) {
            this("", toml, a -> a.atLeast(since), effect);
        }
    }

    private KeyCase keyCase(ConfigKey key) throws IOException {
        Path sub = Files.createDirectories(dir.resolve("granted"));
        return switch (key) {
            case RO -> new KeyCase("ro = [\"/etc\"]", Abi.V1,
                    r -> assertThat(r.rules(origin("ro"))).containsExactly("  /etc/  ro  "
                            + origin("ro")));
            case LS -> new KeyCase("ls = [\"/etc\"]", Abi.V1,
                    r -> assertThat(r.rules(origin("ls"))).containsExactly("  /etc/  ls  " + origin("ls")));
            case ROX -> new KeyCase("rox = [\"" + sub + "\"]", Abi.V1,
                    r -> assertThat(r.rules(origin("rox"))).singleElement().asString().endsWith("/  rox  " + origin("rox")));
            case RW -> new KeyCase("rw = [\"" + sub + "\"]", Abi.V1,
                    r -> assertThat(r.rules(origin("rw"))).singleElement().asString().endsWith("/  rw  " + origin("rw")));
            case RWX -> new KeyCase("rwx = [\"" + sub + "\"]", Abi.V1,
                    r -> assertThat(r.rules(origin("rwx"))).singleElement().asString().endsWith("/  rwx  " + origin("rwx")));
            case UNIX -> new KeyCase("unix = [\"" + sub + "\"]", Abi.V1,
                    r -> assertThat(r.rules(origin("unix"))).singleElement().asString().startsWith("  " + sub + "/"));
            case BIND_TCP -> new KeyCase("bind_tcp = [80, \"8000-8001\"]", Abi.V4, r -> assertThat(r.rules("  port "))
                    .containsExactly("  port 80  bind_tcp  " + origin("bind_tcp"),
                            "  port 8000  bind_tcp  " + origin("bind_tcp"),
                            "  port 8001  bind_tcp  " + origin("bind_tcp")));
            case CONNECT_TCP -> new KeyCase("connect_tcp = [443]", Abi.V4, r -> assertThat(r.rules("  port "))
                    .containsExactly("  port 443  connect_tcp  " + origin("connect_tcp")));
            case BIND_UDP -> new KeyCase("bind_udp = [53]", Abi.V1, r -> {
                if (abi.atLeast(Abi.V10)) {
                    assertThat(r.rules("  port ")).containsExactly("  port 53  bind_udp  " + origin("bind_udp"));
                } else {
                    assertThat(r.line("dropped:")).endsWith("] bind_udp 53 needs UDP (ABI 10)");
                }
            });
            case CONNECT_UDP -> new KeyCase("connect_udp = [\"5353-5354\"]", Abi.V1, r -> {
                if (abi.atLeast(Abi.V10)) {
                    assertThat(r.rules("  port ")).containsExactly(
                            "  port 0  bind_udp  [ephemeral bind for " + origin("connect_udp").substring(1),
                            "  port 5353  connect_send_udp  " + origin("connect_udp"),
                            "  port 5354  connect_send_udp  " + origin("connect_udp"));
                } else {
                    assertThat(r.line("dropped:")).endsWith("] connect_udp 5353 needs UDP (ABI 10)");
                }
            });
            case ENV -> new KeyCase("env = [\"HOME\", \"GREETING=hi there\"]", Abi.NONE,
                    r -> assertThat(r.line("environment:")).isEqualTo("environment: HOME=/root 'GREETING=hi there'"));
            case PRESET -> new KeyCase("preset = [\"dev\"]", Abi.V1, r -> assertThat(r.rules("[preset dev]"))
                    .anyMatch(l -> l.startsWith("  /dev/null  rw  ") && l.endsWith("  [preset dev]")));
            case EXECUTABLE_DEPENDENCIES -> new KeyCase("executable_dependencies = [\"ls\"]", Abi.V1,
                    r -> assertThat(r.rules("/ls  ")).singleElement().asString()
                            .endsWith("/ls  rox  [auto-import (command)]"));
            case UNRESTRICTED_FILESYSTEM -> new KeyCase("unrestricted_filesystem = true", Abi.V1,
                    r -> assertThat(r.line("filesystem:")).isEqualTo("filesystem:  unrestricted"));
            case UNRESTRICTED_NETWORK -> new KeyCase("unrestricted_network = true", Abi.V4,
                    r -> assertThat(r.line("network:")).isEqualTo("network:     unrestricted"));
            case UNRESTRICTED_SCOPED -> new KeyCase("unrestricted_scoped = true", Abi.V6,
                    r -> assertThat(r.line("scopes:")).isEqualTo("scopes:      none"));
            case AUTO_ADD_BINARY_DEPENDENCIES -> new KeyCase("auto_add_binary_dependencies = false", Abi.V1,
                    r -> assertThat(r.rules("auto-import")).isEmpty());
            case IGNORE_MISSING -> new KeyCase("ro = [\"/nonexistent/runlock-test\"]", "ignore_missing = true", a -> true,
                    r -> assertThat(r.assertExplained().rules("runlock-test")).isEmpty());
            case KEEP_CAPABILITIES -> new KeyCase("keep_capabilities = true", Abi.NONE,
                    r -> assertThat(r.line("capabilities:")).startsWith("capabilities: kept"));
            case LOG_DISABLE_ORIGINATING -> new KeyCase("log_disable_originating = true", Abi.V7,
                    r -> assertThat(r.line("log flags:")).isEqualTo("log flags:   log_same_exec_off"));
            case LOG_ENABLE_SUBPROCESSES -> new KeyCase("log_enable_subprocesses = true", Abi.V7,
                    r -> assertThat(r.line("log flags:")).isEqualTo("log flags:   log_new_exec_on"));
            case LOG_DISABLE_SUBDOMAINS -> new KeyCase("log_disable_subdomains = true", Abi.V7,
                    r -> assertThat(r.line("log flags:")).isEqualTo("log flags:   log_subdomains_off"));
            // soft shows where best effort would drop a grant: the UDP rule below ABI 10, on a kernel with Landlock.
            case COMPAT -> new KeyCase("bind_udp = [53]", "compat = \"soft\"", a -> a != Abi.NONE && !a.atLeast(Abi.V10),
                    r -> assertThat(r.line("enforcement:")).startsWith("enforcement: NOT enforced"));
            case ABI -> new KeyCase("abi = 3", Abi.NONE,
                    r -> assertThat(r.line("requested:")).startsWith("requested:   rights up to ABI 3;"));
            case KEEP_FD -> new KeyCase("keep_fd = [" + Host.openDescriptor() + "]", Abi.NONE,
                    r -> assertThat(r.line("descriptors:")).isEqualTo("descriptors: 0 1 2 " + Host.openDescriptor()));
        };
    }

    @ParameterizedTest
    @EnumSource(ConfigKey.class)
    void everyKeyTakesEffect(ConfigKey key) throws IOException {
        KeyCase c = keyCase(key);
        CliRun run = run("[true]\n" + c.context() + "\n" + c.toml() + "\n", "true").assertExplained();
        assertThat(run.line("config:")).isEqualTo("config:      " + file + " [true]");
        if (c.observable().test(abi)) {
            c.effect().accept(run);
            CliRun without = run("[true]\n" + c.context() + "\n", "true");
            assertThatThrownBy(() -> c.effect().accept(without)).as("effect without the key")
                    .isInstanceOf(AssertionError.class);
        }
    }

    @Test
    void theSectionIsTheCommandsBasename() throws IOException {
        CliRun run = run("[cat]\nro = [\"/etc\"]\n[ls]\nro = [\"/usr\"]\n", "/usr/bin/cat").assertExplained();
        assertThat(run.line("config:")).isEqualTo("config:      " + file + " [cat]");
        assertThat(run.rules("[sandbox.toml")).containsExactlyElementsOf(abi == Abi.NONE ? List.of()
                : List.of("  /etc/  ro  [sandbox.toml [cat] ro]"));
    }

    @Test
    void aFileWithoutTheCommandsSectionIsNotUsed() throws IOException {
        CliRun run = run("[ls]\nro = [\"/usr\"]\n", "true").assertExplained();
        assertThat(run.line("config:")).isEqualTo("config:      none");
        assertThat(run.rules("[sandbox.toml")).isEmpty();
    }

    @Test
    void flagListsAddToTheFilesLists() throws IOException {
        CliRun run = run("[true]\nro = [\"/etc\"]\nbind_tcp = [80]\nenv = [\"A=1\"]\n",
                "--ro", "/usr", "--bind-tcp", "81", "--env", "B=2", "true").assertExplained();
        assertThat(run.line("environment:")).isEqualTo("environment: B=2 A=1");
        assertThat(run.rules("  ro  [").stream().filter(l -> !l.contains("[auto-import"))).containsExactlyInAnyOrderElementsOf(abi == Abi.NONE ? List.of()
                : List.of("  /usr/  ro  [--ro]", "  /etc/  ro  " + origin("ro")));
        assertThat(run.rules("  port ")).containsExactlyElementsOf(abi.atLeast(Abi.V4)
                ? List.of("  port 80  bind_tcp  " + origin("bind_tcp"), "  port 81  bind_tcp  [--bind-tcp]") : List.of());
    }

    @Test
    void flagBooleansOverrideTheFile() throws IOException {
        String unrestricted = "[true]\nunrestricted_network = true\n";
        assertThat(run(unrestricted, "--unrestricted-network=false", "true").assertExplained().line("network:"))
                .isEqualTo(DefaultSandbox.network(abi));
        assertThat(run(unrestricted, "--no-unrestricted-network", "true").assertExplained().line("network:"))
                .isEqualTo(DefaultSandbox.network(abi));
        assertThat(run("[true]\nunrestricted_network = false\n", "--unrestricted-network", "true")
                .assertExplained().line("network:")).isEqualTo("network:     unrestricted");
        assertThat(run("[true]\nauto_add_binary_dependencies = true\n", "-d", "true").assertExplained()
                .rules("auto-import")).isEmpty();
    }

    @Test
    void flagValuesOverrideTheFile() throws IOException {
        String toml = "[true]\ncompat = \"soft\"\nabi = 3\n";
        CliRun run = run(toml, "--compat", "best", "--abi", "5", "true").assertExplained();
        assertThat(run.line("requested:")).startsWith("requested:   rights up to ABI 5;");
        assertThat(run.line("enforcement:")).isEqualTo("enforcement: " + DefaultSandbox.enforcement(abi, Abi.V5));
        CliRun strict = run(toml, "--strict", "--abi", "7", "true");
        if (DefaultSandbox.owes(abi, Abi.V7)) {
            strict.assertRefused("--compat hard");
        } else {
            assertThat(strict.assertExplained().line("enforcement:")).isEqualTo("enforcement: "
                    + DefaultSandbox.enforcement(abi, Abi.V7));
        }
        CliRun hard = run("[true]\ncompat = \"hard\"\nbind_udp = [53]\n", "true");
        if (abi.atLeast(Abi.V10)) {
            hard.assertExplained();
        } else {
            hard.assertRefused("--compat hard");
        }
        assertThat(run("[true]\ncompat = \"hard\"\nbind_udp = [53]\n", "--compat", "best", "true").assertExplained()
                .line("enforcement:")).as("the UDP rule asked for is dropped below ABI 10").isEqualTo("enforcement: "
                + (abi == Abi.NONE || abi.atLeast(Abi.V10) ? DefaultSandbox.enforcement(abi) : "partially enforced"));
    }

    @Test
    void aBadValueInTheFileIsRefusedWithFileLineAndColumn() throws IOException {
        run("[true]\nro = [\"/etc\"]\nabi = 12\n", "true").assertRefused(file + ":3:1: abi: ", "12");
        run("[true]\n  compat = \"firm\"\n", "true").assertRefused(file + ":2:3: compat: ", "'firm'");
        run("[true]\nbind_tcp = [70000]\n", "true").assertRefused(file + ":2:1: bind_tcp: ", "'70000'");
        run("[true]\nro = \"/etc\"\n", "true").assertRefused(file + ":2:1: ro: must be an array of strings");
        run("[true]\nfrob = 1\n", "true").assertRefused(file + ":2:1: unknown key 'frob' in [true]");
        run("[true]\nro = [\n", "true").assertRefused(file + ":3:1: ");
    }

    @Test
    void aTypoInAnotherCommandsSectionIsReportedToo() throws IOException {
        run("[true]\nro = [\"/etc\"]\n[ls]\nrx = [\"/usr\"]\n", "true")
                .assertRefused(file + ":4:1: unknown key 'rx' in [ls]");
    }

    @Test
    void aPathMissingFromTheFileIsNamedWithItsKey() throws IOException {
        run("[true]\nrw = [\"/nonexistent/runlock-test\"]\n", "true")
                .assertRefused("/nonexistent/runlock-test", "sandbox.toml [true] rw");
    }

    @Test
    void anUntrustedFileIsRefusedNamingItAndWhy() throws IOException {
        Files.writeString(file, "[true]\nro = [\"/\"]\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));
        CliRun.on(abi).with(env, "true").assertRefused(file.toString(), "writable by group or others");
    }

    @Test
    void aMissingSandboxConfigFileIsRefused() {
        env.put("SANDBOX_CONFIG", dir.resolve("absent.toml").toString());
        CliRun.on(abi).with(env, "true").assertRefused(dir.resolve("absent.toml").toString(), "SANDBOX_CONFIG",
                "does not exist");
    }

    @Test
    void infoLevelSaysWhichFileAndSectionWereUsed() throws IOException {
        assertThat(run("[true]\n", "--log-level", "info", "true").assertExplained().errLines())
                .contains("runlock: using " + file + " (named by SANDBOX_CONFIG) section [true]");
        assertThat(run("[ls]\n", "--log-level", "info", "true").assertExplained().errLines())
                .contains("runlock: no section [true] in " + file + " (named by SANDBOX_CONFIG)");
    }

    @Test
    void aSectionMatchingNoCommandIsMentionedAtInfoLevel() throws IOException {
        String typo = "runlock: section [ture] of " + file + " matches no command on PATH";
        assertThat(run("[ture]\n[ls]\n", "--log-level", "info", "true").assertExplained().errLines())
                .contains(typo).noneMatch(line -> line.contains("[ls]"));
        assertThat(run("[ture]\n", "true").assertExplained().err()).doesNotContain("ture");
        env.put("PATH", "/\uDCFF:" + env.get("PATH"));
        assertThat(run("[ture]\n[ls]\n", "--log-level", "info", "true").assertExplained().errLines())
                .as("a PATH entry whose bytes are not UTF-8").contains(typo).noneMatch(line -> line.contains("[ls]"));
    }

    @Test
    void anEmptyPathInTheConfigIsRefusedAtItsPosition() throws IOException {
        run("[true]\nro = [\"/etc\"]\nrw = [\"/tmp\", \"\"]\n", "true").assertRefused(file + ":3:1: rw: empty path");
        assertThat(run("[true]\nrw = [\"/tmp\"]\n", "true").assertExplained().rules(origin("rw")))
                .as("the control: a path is granted (no rule without Landlock)").hasSize(abi == Abi.NONE ? 0 : 1);
    }

    @Test
    void aConfigThatWidensTheSandboxWarnsOnceNamingFileSectionAndKeys() throws IOException {
        String toml = "[true]\nunrestricted_filesystem = true\nunrestricted_network = true\n"
                + "rw = [\"/\", \"/etc\", \"/tmp\"]\nrwx = [\"/root\"]\n";
        assertThat(run(toml, "true").assertExplained().errLines()).filteredOn(l -> l.contains("widens"))
                .containsExactly("runlock: warning: " + file + " [true] widens the sandbox beyond the command line: "
                        + "rw = \"/\", rw = \"/etc\", rwx = \"/root\", unrestricted_filesystem = true, "
                        + "unrestricted_network = true");
        assertThat(run(toml, "--unrestricted-filesystem", "--no-unrestricted-network", "--rw", "/,/etc",
                "--rwx", "/root", "true").assertExplained().err()).doesNotContain("widens");
        assertThat(run("[true]\nrw = [\"/tmp\"]\nunrestricted_scoped = false\n", "true").assertExplained().err())
                .doesNotContain("widens");
    }

    @Test
    void keepingCapabilitiesWidensTheSandboxAndTheCommandLineCanRefuseIt() throws IOException {
        String toml = "[true]\nkeep_capabilities = true\n";
        CliRun kept = run(toml, "true").assertExplained();
        assertThat(kept.errLines()).filteredOn(l -> l.contains("widens")).containsExactly("runlock: warning: " + file
                + " [true] widens the sandbox beyond the command line: keep_capabilities = true");
        assertThat(kept.line("capabilities:")).startsWith("capabilities: kept");
        CliRun refused = run(toml, "--no-keep-capabilities", "true").assertExplained();
        assertThat(refused.err()).doesNotContain("widens");
        assertThat(refused.line("capabilities:")).startsWith("capabilities: none");
    }

    @Test
    void writingAnAncestorOfHomeWidensTheSandbox() throws IOException {
        env.put("HOME", Files.createDirectories(dir.resolve("home/user/project")).getParent().toString());
        assertThat(run("[true]\nrw = [\"home\"]\n", "true").assertExplained().errLines())
                .filteredOn(l -> l.contains("widens")).containsExactly("runlock: warning: " + file
                        + " [true] widens the sandbox beyond the command line: rw = \"home\"");
        assertThat(run("[true]\nrw = [\"home/user/project\"]\n", "true").assertExplained().err())
                .doesNotContain("widens");
    }

    @Test
    void writingAPersistencePointOfTheHomeOrAskingForEveryTerminalWidensTheSandbox() throws IOException {
        Path home = Files.createDirectories(dir.resolve("home/user/.local"));
        Files.createDirectories(dir.resolve("home/user/project"));
        env.put("HOME", home.getParent().toString());
        assertThat(run("[true]\nrw = [\"home/user/.local\", \"home/user/project\"]\npreset = [\"pty\"]\n", "true")
                .assertExplained().errLines()).filteredOn(l -> l.contains("widens")).containsExactly("runlock: warning: "
                        + file + " [true] widens the sandbox beyond the command line: rw = \"home/user/.local\","
                        + " preset = [\"pty\"] (opens every terminal of yours)");
        assertThat(run("[true]\nrw = [\"home/user/project\"]\npreset = [\"tty\"]\n", "true").assertExplained().err())
                .as("control").doesNotContain("widens");
    }

    @Test
    void aHomeWhoseBytesAreNotUtf8LeavesTheWarningToEtc() throws IOException {
        env.put("HOME", "/home/\uDCFFuser");
        assertThat(run("[true]\nrw = [\"/etc\"]\n", "true").assertExplained().errLines())
                .filteredOn(l -> l.contains("widens")).containsExactly("runlock: warning: " + file
                        + " [true] widens the sandbox beyond the command line: rw = \"/etc\"");
    }

    /**
     * {@code abi = 3} in a config once lifted TCP, ioctl and scope rules without a word: every key that
     * loosens this run's sandbox is in the one widening warning, unless the command line set the same.
     */
    @Test
    void aConfigThatLoosensTheSandboxNamesEachKeyInTheWarning() throws IOException {
        int fd = Host.openDescriptor();
        String toml = "[true]\nabi = 3\nkeep_fd = [1, " + fd + "]\ncompat = \"soft\"\nignore_missing = true\n";
        List<String> keys = new ArrayList<>();
        List<String> lifted = DefaultSandbox.lifted(abi, Abi.V3);
        if (!lifted.isEmpty()) {
            keys.add("abi = 3 (lifts " + String.join(", ", lifted) + ")");
        }
        if (abi != Abi.NONE && DefaultSandbox.owes(abi, Abi.V3)) {
            keys.add("compat = \"soft\" (no sandbox on this kernel)");
        }
        keys.add("keep_fd = [" + fd + "]");
        assertThat(run(toml, "true").assertExplained().errLines()).filteredOn(l -> l.contains("widens"))
                .containsExactly("runlock: warning: " + file + " [true] widens the sandbox beyond the command line: "
                        + String.join(", ", keys));
        assertThat(run(toml, "--abi", "3", "--compat", "soft", "--keep-fd", Integer.toString(fd), "true")
                .assertExplained().err()).as("the command line set the same").doesNotContain("widens");
        assertThat(run("[true]\nabi = " + Math.max(1, abi.number()) + "\n", "true").assertExplained().err())
                .as("a pin at the kernel's ABI lifts nothing").doesNotContain("widens");
    }
}
