package dev.runlock.conformance;

import static dev.runlock.conformance.Expectation.enforcing;
import static dev.runlock.conformance.Expectation.exit;
import static dev.runlock.conformance.Expectation.refusedWithout;
import static dev.runlock.conformance.Fixture.EXEC;
import static dev.runlock.conformance.Fixture.RO;
import static dev.runlock.conformance.Fixture.RW;
import static dev.runlock.conformance.Invocation.raw;
import static dev.runlock.conformance.Invocation.sandbox;
import static dev.runlock.conformance.OwnCases.PYTHON;
import static dev.runlock.conformance.OwnCases.config;
import static dev.runlock.conformance.OwnCases.own;
import static dev.runlock.conformance.Words.line;
import static dev.runlock.conformance.Words.which;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Own cases: sandbox.toml, every key, merging with the command line, and its errors. */
final class ConfigCases {
    private ConfigCases() {
    }

    static List<Case> all() {
        return List.of(
                configured("R09", "sandbox.toml ro: the [cat] section grants reading",
                        f -> "[cat]\nro = [\"" + f.path(RO) + "\"]\n", "cat " + RO + "/test.txt", exit(0)),
                own("R10", "./sandbox.toml is read once trusted (runlock trust) when SANDBOX_CONFIG is unset", f -> {
                    f.write("sandbox.toml", "[cat]\nro = [\"" + f.path(RO) + "\"]\n", false);
                    return trustStore(f, sandbox(line("-- cat " + RO + "/test.txt"))).wrappedIn("\"$1\" trust >/dev/null");
                }, exit(0)).requires(Capability.CONFIG),
                own("R11", "without a config the same cat is denied",
                        f -> sandbox(line("-- cat " + RO + "/test.txt")).autoImported(),
                        enforcing(Feature.FILESYSTEM, exit(1).and(Check.stderrLine("cat: ", "Permission denied")),
                                exit(0))),
                own("R12", "SANDBOX_CONFIG naming a missing file is an error",
                        f -> sandbox(line("-- true")).withEnv("SANDBOX_CONFIG", "/nonexistent/sandbox.toml"),
                        exit(1).and(Check.oneErrorLine("/nonexistent/sandbox.toml"))).requires(Capability.CONFIG),
                configured("R13", "sandbox.toml rox, ro and auto_add_binary_dependencies = false run a script",
                        f -> "[\"test.sh\"]\nrox = [\"/usr\", \"/bin\", \"/lib\", \"" + f.path(EXEC) + "\"]\nro = [\"/lib\", \"/lib64\"]\n"
                                + "auto_add_binary_dependencies = false\n", EXEC + "/test.sh", exit(0)),
                configured("R14", "sandbox.toml rw grants writing", f -> "[touch]\nrw = [\"" + f.path(RW) + "\"]\n",
                        "touch " + RW + "/new.txt", exit(0).and(exists(RW + "/new.txt"))),
                configured("R15", "sandbox.toml rwx grants executing a script in a writable directory",
                        f -> "[\"rw_script.sh\"]\nrwx = [\"" + f.path(RW) + "\"]\nrox = [\"/usr\", \"/bin\", \"/lib\"]\nro = [\"/lib\", \"/lib64\"]\n"
                                + "auto_add_binary_dependencies = false\n", RW + "/rw_script.sh", exit(0)),
                own("R16", "sandbox.toml env passes KEY=VALUE and KEY", f -> sandbox(line("-- bash -c",
                        "test \"$FOO\" = bar && test \"$TEST_ENV_VAR\" = " + Execution.TEST_ENV_VALUE))
                        .withEnv("SANDBOX_CONFIG", config(f, "[bash]\nenv = [\"FOO=bar\", \"TEST_ENV_VAR\"]\n").toString()),
                        exit(0)).requires(Capability.CONFIG),
                configured("R17", "sandbox.toml executable_dependencies imports another program the command runs",
                        f -> "[bash]\nro = [\"" + f.path(RO) + "\"]\nexecutable_dependencies = [\"" + which("cat") + "\"]\n",
                        List.of("bash", "-c", "cat " + RO + "/test.txt"), exit(0)),
                configured("R18", "sandbox.toml connect_tcp allows connecting to a listed port",
                        f -> pyConfig("connect_tcp = [" + f.listen(f.port()) + "]"), python(f -> Probes.connect(f.port())),
                        exit(0)),
                configured("R19", "sandbox.toml bind_tcp allows binding a listed port",
                        f -> pyConfig("bind_tcp = [" + f.port() + "]"), python(f -> Probes.bind("SOCK_STREAM", f.port())),
                        exit(0)),
                configured("R20", "sandbox.toml connect_tcp denies other ports",
                        f -> pyConfig("connect_tcp = [" + f.port() + "]"),
                        python(f -> Probes.connect(f.listen(f.otherPort()))),
                        enforcing(Feature.TCP, Probes.TCP_CONNECT_DENIED, 0)),
                configured("R21", "sandbox.toml unrestricted_filesystem = true", f -> "[ls]\nunrestricted_filesystem = true\n",
                        "ls /usr", exit(0)),
                configured("R22", "sandbox.toml unrestricted_network = true",
                        f -> pyConfig("unrestricted_network = true"), python(f -> Probes.connect(f.listen(f.port()))),
                        exit(0)),
                configured("R23", "sandbox.toml auto_add_binary_dependencies = false",
                        f -> "[ls]\nro = [\"/etc\"]\nauto_add_binary_dependencies = false\n", "ls /etc",
                        enforcing(Feature.FILESYSTEM, exit(1).and(Check.stderrLine("runlock: ", "ls")), exit(0))),
                configured("R24", "sandbox.toml unrestricted_scoped = true lets a signal out",
                        f -> "[bash]\nunrestricted_scoped = true\n",
                        f -> List.of("bash", "-c", "kill -TERM " + f.spawn("sleep", "60").pid()),
                        exit(0).and(Check.outsideProcessDies())),
                configured("R25", "sandbox.toml unix grants connecting to a pathname socket",
                        f -> pyConfig("unix = [\"" + f.unixListener(RW + "/sock") + "\"]"),
                        python(f -> Probes.unixConnect(f.path(RW + "/sock").toString())), exit(0)),
                configured("R26", "sandbox.toml bind_udp and compat = \"hard\"",
                        f -> pyConfig("compat = \"hard\"\nbind_udp = [" + f.port() + "]"),
                        python(f -> Probes.bind("SOCK_DGRAM", f.port())), refusedWithout(Feature.UDP, 0)),
                configured("R27", "sandbox.toml connect_udp allows sending to a listed port",
                        f -> pyConfig("connect_udp = [" + f.port() + "]"), python(f -> Probes.sendUdp(f.port())), exit(0)),
                configured("R28", "sandbox.toml abi = 3 leaves TCP unrestricted",
                        f -> pyConfig("abi = 3"), python(f -> Probes.connect(f.listen(f.port()))), exit(0)),
                own("R29", "command-line lists add to the config's lists", f -> sandbox(line("--rw " + RW + " -- bash -c",
                        "read -r l < " + RO + "/test.txt && echo \"$l\" > " + RW + "/both.txt"))
                        .withEnv("SANDBOX_CONFIG", config(f, "[bash]\nro = [\"" + f.path(RO) + "\"]\n").toString()),
                        exit(0).and(exists(RW + "/both.txt"))).requires(Capability.CONFIG),
                own("R30", "a command-line boolean overrides the config's (-d over auto_add_binary_dependencies)",
                        f -> sandbox(line("-d --ro /etc -- ls /etc")).withEnv("SANDBOX_CONFIG",
                                config(f, "[ls]\nauto_add_binary_dependencies = true\n").toString()),
                        enforcing(Feature.FILESYSTEM, exit(1).and(Check.stderrLine("runlock: ", "ls")), exit(0)))
                        .requires(Capability.CONFIG),
                configured("R31", "malformed TOML is an error naming file and line", f -> "[cat]\nro = = [\"/etc\"]\nrw = []\n",
                        "cat /etc/hostname", exit(1).and(errorAt(2))),
                configured("R32", "an unknown key is an error naming it and its line", f -> "[cat]\nfrobnicate = true\n",
                        "cat /etc/hostname", exit(1).and(errorAt(2)).and(Check.stderrContains("frobnicate"))),
                configured("R33", "a wrongly typed key is an error naming it and its line", f -> "[cat]\n\nro = 5\n",
                        "cat /etc/hostname", exit(1).and(errorAt(3)).and(Check.stderrContains("ro"))),
                untrusted("R34", "rw-rw-r--", "group"),
                untrusted("R35", "rw-r--rw-", "others"));
    }

    /** A case whose sandbox.toml (returned by toml) configures the command given as shell words. */
    static Case configured(String id, String name, Function<Fixture, String> toml, String command,
            Expectation expectation) {
        return configured(id, name, toml, List.of(line(command)), expectation);
    }

    private static Case configured(String id, String name, Function<Fixture, String> toml, List<String> command,
            Expectation expectation) {
        return configured(id, name, toml, f -> command, expectation);
    }

    private static Case configured(String id, String name, Function<Fixture, String> toml,
            Function<Fixture, List<String>> command, Expectation expectation) {
        return own(id, name, f -> {
            String text = toml.apply(f);
            List<String> words = new ArrayList<>(List.of("--"));
            words.addAll(command.apply(f));
            return sandbox(words.toArray(String[]::new)).withEnv("SANDBOX_CONFIG", config(f, text).toString());
        }, expectation).requires(Capability.CONFIG);
    }

    private static Case untrusted(String id, String mode, String who) {
        return own(id, "a sandbox.toml writable by " + who + " is refused", f -> {
            Path file = config(f, "[cat]\nro = [\"/etc\"]\n");
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return raw("--", "cat", "/etc/hostname").withEnv("SANDBOX_CONFIG", file.toString());
        }, exit(1).and(Check.oneErrorLine("sandbox.toml"))).requires(Capability.CONFIG);
    }

    /** A [python3] section granting what python needs, plus the given lines. */
    private static String pyConfig(String lines) {
        return "[python3]\nrox = [\"/usr\"]\nro = [\"/etc\"]\n" + lines + "\n";
    }

    private static Function<Fixture, List<String>> python(Function<Fixture, String> script) {
        return f -> List.of(PYTHON, "-c", script.apply(f));
    }

    /** A trust store of the fixture's own, so the caller's never counts. */
    static Invocation trustStore(Fixture f, Invocation invocation) {
        return invocation.withEnv("XDG_CONFIG_HOME", f.path("xdg").toString());
    }

    private static Check exists(String relative) {
        return new Check(relative + " exists", (o, f) -> Files.exists(f.path(relative)));
    }

    static Check errorAt(int lineNumber) {
        Pattern number = Pattern.compile("\\b" + lineNumber + "\\b");
        return new Check("one 'runlock:' stderr line naming sandbox.toml and line " + lineNumber, (o, f) -> {
            var lines = o.stderrLines();
            return lines.size() == 1 && lines.getFirst().startsWith("runlock:")
                    && lines.getFirst().contains("sandbox.toml") && number.matcher(lines.getFirst()).find();
        });
    }
}
