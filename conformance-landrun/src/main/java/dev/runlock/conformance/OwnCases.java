package dev.runlock.conformance;

import static dev.runlock.conformance.Expectation.degraded;
import static dev.runlock.conformance.Expectation.enforcing;
import static dev.runlock.conformance.Expectation.exit;
import static dev.runlock.conformance.Expectation.refusedWithout;
import static dev.runlock.conformance.Fixture.EXEC;
import static dev.runlock.conformance.Fixture.RO;
import static dev.runlock.conformance.Fixture.RW;
import static dev.runlock.conformance.Fixture.RW_NESTED_RW;
import static dev.runlock.conformance.Invocation.raw;
import static dev.runlock.conformance.Invocation.sandbox;
import static dev.runlock.conformance.Words.line;
import static dev.runlock.conformance.Words.which;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.awaitility.Awaitility;

/** runlock's own cases, beyond landrun's suite, on the same harness (R01..). */
public final class OwnCases {
    private static final String LIBS = "--rox /usr --ro /lib --ro /lib64 ";
    /** A python3 sandbox with its libraries and standard library; the dialect adds auto-import. */
    private static final String PY = "--rox /usr --ro /etc ";
    private static final String PYTHON = "/usr/bin/python3";
    private static final String LANDRUN_LEAKS = "landrun passes every inherited descriptor on; runlock closes those "
            + "above 2 unless --keep-fd names them, so a sandboxed command cannot use the caller's open files";

    private static final String LANDRUN_SILENT = "landrun's best effort drops a rule its kernel cannot enforce "
            + "without a word; runlock warns (and --compat hard refuses), so the user knows the rule is not in force";

    private OwnCases() {
    }

    public static List<Case> all() {
        List<Case> cases = new ArrayList<>();
        cases.addAll(autoImport());
        cases.addAll(config());
        cases.addAll(scopes());
        cases.addAll(newerAbis());
        cases.addAll(hygiene());
        cases.addAll(views());
        cases.addAll(badInput());
        cases.addAll(edges());
        cases.addAll(noNewPrivs());
        cases.addAll(hardening());
        cases.addAll(droppedRules());
        return number(cases);
    }

    private static List<Case> autoImport() {
        return List.of(
                own("auto-import runs a binary with nothing else granted",
                        f -> sandbox(line("--ro " + RO + " -- cat " + RO + "/test.txt")).autoImported(),
                        exit(0).and(Check.stdoutContains("readonly content"))),
                own("auto-import grants the shared libraries of ls",
                        f -> sandbox(line("--ro /etc -- ls /etc")).autoImported(),
                        exit(0).and(Check.stdoutContains("hostname"))),
                own("auto-import follows #! to the script's interpreter",
                        f -> sandbox(line("-- " + EXEC + "/test.sh")).autoImported(),
                        exit(0).and(Check.stdoutContains("executable content"))).requires(Capability.SCRIPT_IMPORT),
                own("auto-import follows #!/usr/bin/env to the interpreter found on PATH", f -> {
                    f.write(EXEC + "/env.sh", "#!/usr/bin/env bash\necho \"env content\"\n", true);
                    return sandbox(line("--env PATH -- " + EXEC + "/env.sh")).autoImported();
                }, exit(0).and(Check.stdoutContains("env content"))).requires(Capability.SCRIPT_IMPORT),
                own("auto-import resolves a symlinked command", f -> {
                    symlink(f.path(EXEC + "/mycat"), Path.of(which("cat")));
                    return sandbox(line("--ro " + RO + " -- " + EXEC + "/mycat " + RO + "/test.txt")).autoImported();
                }, exit(0).and(Check.stdoutContains("readonly content"))).requires(Capability.SCRIPT_IMPORT),
                own("-d disables auto-import: ls cannot start without --rox /usr",
                        f -> sandbox(line("-d --ro /etc -- ls /etc")),
                        exit(1).and(Check.stderrLine("runlock:", "ls"))).requires(Capability.DISABLE_IMPORT),
                own("-d with --rox /usr runs ls", f -> sandbox(line("-d --rox /usr,/bin,/lib --ro /lib64 --ro /etc -- ls /etc")),
                        exit(0)).requires(Capability.DISABLE_IMPORT),
                own("auto-import grants no read access to the command's directory",
                        f -> sandbox(line("-- ls /usr/bin")).autoImported(), exit(2)));
    }

    private static List<Case> config() {
        return List.of(
                configured("sandbox.toml ro: the [cat] section grants reading",
                        f -> "[cat]\nro = [\"" + f.path(RO) + "\"]\n", "cat " + RO + "/test.txt", exit(0)),
                own("./sandbox.toml is read once trusted (runlock trust) when SANDBOX_CONFIG is unset", f -> {
                    f.write("sandbox.toml", "[cat]\nro = [\"" + f.path(RO) + "\"]\n", false);
                    return trustStore(f, sandbox(line("-- cat " + RO + "/test.txt"))).wrappedIn("\"$1\" trust >/dev/null");
                }, exit(0)).requires(Capability.CONFIG),
                own("without a config the same cat is denied",
                        f -> sandbox(line("-- cat " + RO + "/test.txt")).autoImported(), exit(1)),
                own("SANDBOX_CONFIG naming a missing file is an error",
                        f -> sandbox(line("-- true")).withEnv("SANDBOX_CONFIG", "/nonexistent/sandbox.toml"),
                        exit(1).and(Check.oneErrorLine("/nonexistent/sandbox.toml"))).requires(Capability.CONFIG),
                configured("sandbox.toml rox, ro and auto_add_binary_dependencies = false run a script",
                        f -> "[\"test.sh\"]\nrox = [\"/usr\", \"/bin\", \"/lib\", \"" + f.path(EXEC) + "\"]\nro = [\"/lib\", \"/lib64\"]\n"
                                + "auto_add_binary_dependencies = false\n", EXEC + "/test.sh", exit(0)),
                configured("sandbox.toml rw grants writing", f -> "[touch]\nrw = [\"" + f.path(RW) + "\"]\n",
                        "touch " + RW + "/new.txt", exit(0).and(exists(RW + "/new.txt"))),
                configured("sandbox.toml rwx grants executing a script in a writable directory",
                        f -> "[\"rw_script.sh\"]\nrwx = [\"" + f.path(RW) + "\"]\nrox = [\"/usr\", \"/bin\", \"/lib\"]\nro = [\"/lib\", \"/lib64\"]\n"
                                + "auto_add_binary_dependencies = false\n", RW + "/rw_script.sh", exit(0)),
                Case.of("", "sandbox.toml env passes KEY=VALUE and KEY", f -> sandbox(line("-- bash -c",
                        "test \"$FOO\" = bar && test \"$TEST_ENV_VAR\" = " + Execution.TEST_ENV_VALUE))
                        .withEnv("SANDBOX_CONFIG", config(f, "[bash]\nenv = [\"FOO=bar\", \"TEST_ENV_VAR\"]\n").toString()),
                        exit(0)).requires(Capability.CONFIG),
                configured("sandbox.toml executable_dependencies imports another program the command runs",
                        f -> "[bash]\nro = [\"" + f.path(RO) + "\"]\nexecutable_dependencies = [\"" + which("cat") + "\"]\n",
                        List.of("bash", "-c", "cat " + RO + "/test.txt"), exit(0)),
                configured("sandbox.toml connect_tcp allows connecting to a listed port",
                        f -> pyConfig("connect_tcp = [" + f.listen(f.port()) + "]"), python(f -> connect(f.port())), exit(0)),
                configured("sandbox.toml bind_tcp allows binding a listed port",
                        f -> pyConfig("bind_tcp = [" + f.port() + "]"), python(f -> bind("SOCK_STREAM", f.port())), exit(0)),
                configured("sandbox.toml connect_tcp denies other ports",
                        f -> pyConfig("connect_tcp = [" + f.port() + "]"),
                        python(f -> connect(f.listen(f.otherPort()))), enforcing(Feature.TCP, 1, 0)),
                configured("sandbox.toml unrestricted_filesystem = true", f -> "[ls]\nunrestricted_filesystem = true\n",
                        "ls /usr", exit(0)),
                configured("sandbox.toml unrestricted_network = true",
                        f -> pyConfig("unrestricted_network = true"), python(f -> connect(f.listen(f.port()))), exit(0)),
                configured("sandbox.toml auto_add_binary_dependencies = false",
                        f -> "[ls]\nro = [\"/etc\"]\nauto_add_binary_dependencies = false\n", "ls /etc", exit(1)),
                configured("sandbox.toml unrestricted_scoped = true lets a signal out",
                        f -> "[bash]\nunrestricted_scoped = true\n",
                        f -> List.of("bash", "-c", "kill -TERM " + f.spawn("sleep", "60").pid()),
                        exit(0).and(outsideProcessDies())),
                configured("sandbox.toml unix grants connecting to a pathname socket",
                        f -> pyConfig("unix = [\"" + unixListener(f) + "\"]"), python(f -> unixConnect(f.path(RW + "/sock").toString())),
                        exit(0)),
                configured("sandbox.toml bind_udp and compat = \"hard\"",
                        f -> pyConfig("compat = \"hard\"\nbind_udp = [" + f.port() + "]"),
                        python(f -> bind("SOCK_DGRAM", f.port())), refusedWithout(Feature.UDP, 0)),
                configured("sandbox.toml connect_udp allows sending to a listed port",
                        f -> pyConfig("connect_udp = [" + f.port() + "]"), python(f -> sendUdp(f.port())), exit(0)),
                configured("sandbox.toml abi = 3 leaves TCP unrestricted",
                        f -> pyConfig("abi = 3"), python(f -> connect(f.listen(f.port()))), exit(0)),
                Case.of("", "command-line lists add to the config's lists", f -> sandbox(line("--rw " + RW + " -- bash -c",
                        "read -r l < " + RO + "/test.txt && echo \"$l\" > " + RW + "/both.txt"))
                        .withEnv("SANDBOX_CONFIG", config(f, "[bash]\nro = [\"" + f.path(RO) + "\"]\n").toString()),
                        exit(0).and(exists(RW + "/both.txt"))).requires(Capability.CONFIG),
                Case.of("", "a command-line boolean overrides the config's (-d over auto_add_binary_dependencies)",
                        f -> sandbox(line("-d --ro /etc -- ls /etc")).withEnv("SANDBOX_CONFIG",
                                config(f, "[ls]\nauto_add_binary_dependencies = true\n").toString()),
                        exit(1)).requires(Capability.CONFIG),
                configured("malformed TOML is an error naming file and line", f -> "[cat]\nro = = [\"/etc\"]\nrw = []\n",
                        "cat /etc/hostname", exit(1).and(errorAt(2))),
                configured("an unknown key is an error naming it and its line", f -> "[cat]\nfrobnicate = true\n",
                        "cat /etc/hostname", exit(1).and(errorAt(2)).and(Check.stderrContains("frobnicate"))),
                configured("a wrongly typed key is an error naming it and its line", f -> "[cat]\n\nro = 5\n",
                        "cat /etc/hostname", exit(1).and(errorAt(3)).and(Check.stderrContains("ro"))),
                untrusted("rw-rw-r--", "group"),
                untrusted("rw-r--rw-", "others"));
    }

    private static List<Case> scopes() {
        return List.of(
                own("a signal to a process outside the sandbox is denied",
                        f -> sandbox(line(LIBS + "-- bash -c", "kill -TERM " + f.spawn("sleep", "60").pid())),
                        enforcing(Feature.SCOPES, exit(1).and(outsideProcessSurvives()), exit(0).and(outsideProcessDies()))),
                own("--unrestricted-scoped lets a signal out",
                        f -> sandbox(line("--unrestricted-scoped " + LIBS + "-- bash -c", "kill -TERM " + f.spawn("sleep", "60").pid())),
                        exit(0).and(outsideProcessDies())),
                own("connecting to an abstract unix socket outside the sandbox is denied",
                        f -> sandbox(line(PY + "-- " + PYTHON + " -c", unixConnect("\\0" + abstractListener(f)))).autoImported(),
                        enforcing(Feature.SCOPES, 1, 0)),
                own("--unrestricted-scoped allows connecting to an abstract unix socket",
                        f -> sandbox(line("--unrestricted-scoped " + PY + "-- " + PYTHON + " -c",
                                unixConnect("\\0" + abstractListener(f)))).autoImported(), exit(0)));
    }

    private static List<Case> newerAbis() {
        return List.of(
                own("connecting to a pathname unix socket needs --unix",
                        f -> sandbox(line(PY + "--ro " + RW + " -- " + PYTHON + " -c", unixConnect(unixListener(f)))).autoImported(),
                        enforcing(Feature.UNIX, 1, 0)),
                own("--unix allows connecting to that socket",
                        f -> sandbox(line(PY + "--unix " + unixListener(f) + " -- " + PYTHON + " -c",
                                unixConnect(f.path(RW + "/sock").toString()))).autoImported(), exit(0)),
                own("--unix is best effort by default: warns below ABI 9",
                        f -> sandbox(line(LIBS + "--unix " + RO + " -- true")), degraded(Feature.UNIX, 0))
                        .requires(Capability.OWN_ERRORS),
                own("--compat hard with --unix: refused below ABI 9, naming --unix",
                        f -> sandbox(line("--compat hard " + LIBS + "--unix " + RO + " -- true")), refusedWithout(Feature.UNIX, 0))
                        .requires(Capability.COMPAT),
                own("sending UDP needs --connect-udp", f -> sandbox(line(PY + "-- " + PYTHON + " -c", sendUdp(f.port()))).autoImported(),
                        enforcing(Feature.UDP, 1, 0)).requires(Capability.UDP),
                own("--connect-udp allows sending to that port",
                        f -> sandbox(line(PY + "--connect-udp " + f.port() + " -- " + PYTHON + " -c", sendUdp(f.port()))).autoImported(),
                        exit(0)).requires(Capability.UDP),
                own("binding UDP needs --bind-udp",
                        f -> sandbox(line(PY + "-- " + PYTHON + " -c", bind("SOCK_DGRAM", f.port()))).autoImported(),
                        enforcing(Feature.UDP, 1, 0)).requires(Capability.UDP),
                own("--bind-udp is best effort by default: warns below ABI 10",
                        f -> sandbox(line(LIBS + "--bind-udp " + f.port() + " -- true")), degraded(Feature.UDP, 0))
                        .requires(Capability.UDP),
                own("--compat hard with --connect-udp: refused below ABI 10",
                        f -> sandbox(line("--compat hard " + LIBS + "--connect-udp " + f.port() + " -- true")),
                        refusedWithout(Feature.UDP, 0)).requires(Capability.UDP, Capability.COMPAT),
                own("--strict is --compat hard", f -> sandbox(line("--strict " + LIBS + "--bind-udp " + f.port() + " -- true")),
                        refusedWithout(Feature.UDP, 0)).requires(Capability.UDP, Capability.COMPAT),
                own("--compat hard with audit log flags: refused below ABI 7, naming them",
                        f -> sandbox(line("--compat hard --log-disable-originating " + LIBS + "-- true")),
                        refusedWithout(Feature.AUDIT, 0)).requires(Capability.COMPAT),
                own("truncate(2) of a read-only file is denied from ABI 3",
                        f -> sandbox(line(PY + "--ro " + RO + " -- " + PYTHON + " -c", truncate(RO + "/test.txt"))).autoImported(),
                        enforcing(Feature.TRUNCATE, 1, 0)),
                own("linking into another directory (refer) is allowed under --rw from ABI 2",
                        f -> sandbox(line(LIBS + "--rw " + RW + " -- ln " + RW + "/test.txt " + RW_NESTED_RW + "/linked.txt")),
                        enforcing(Feature.REFER, exit(0), enforcing(Feature.FILESYSTEM, 1, 0))),
                own("ioctl on a read-only device is denied from ABI 5",
                        f -> sandbox(line(PY + "--ro /dev -- " + PYTHON + " -c", """
                                import fcntl, sys, termios
                                with open('/dev/null', 'rb') as f:
                                    try:
                                        fcntl.ioctl(f, termios.TCGETS, bytes(64))
                                    except OSError as e:
                                        sys.exit(3 if e.errno == 13 else 0)
                                """)).autoImported(), enforcing(Feature.IOCTL_DEV, 3, 0)),
                own("a port range allows binding inside it",
                        f -> sandbox(line(PY + "--bind-tcp " + f.port() + "-" + f.otherPort() + " -- " + PYTHON + " -c",
                                bind("SOCK_STREAM", f.otherPort()))).autoImported(), exit(0)).requires(Capability.PORT_RANGES),
                own("a port range denies binding outside it",
                        f -> sandbox(line(PY + "--bind-tcp " + f.port() + "-" + f.port() + " -- " + PYTHON + " -c",
                                bind("SOCK_STREAM", f.otherPort()))).autoImported(), LandrunCases.tcpDenied(1))
                        .requires(Capability.PORT_RANGES),
                own("a port range allows connecting inside it",
                        f -> sandbox(line(PY + "--connect-tcp " + f.port() + "-" + f.otherPort() + " -- " + PYTHON + " -c",
                                connect(f.listen(f.otherPort())))).autoImported(), exit(0)).requires(Capability.PORT_RANGES),
                own("--abi 3 leaves TCP unrestricted",
                        f -> raw(line("--abi 3 " + PY + "-- " + PYTHON + " -c", connect(f.listen(f.port())))), exit(0))
                        .requires(Capability.ABI_PIN),
                own("--abi 2 leaves truncate unrestricted",
                        f -> raw(line("--abi 2 " + PY + "--ro " + RO + " -- " + PYTHON + " -c", truncate(RO + "/test.txt"))),
                        exit(0))
                        .requires(Capability.ABI_PIN));
    }

    private static List<Case> hygiene() {
        return List.of(
                own("inherited descriptors above 2 are closed",
                        f -> sandbox(line(LIBS + "--ro /proc -- bash -c", "test ! -e /proc/self/fd/7"))
                                .wrappedIn("exec 7</etc/hostname"), exit(0))
                        .deviates(Dialect.LANDRUN, exit(1), LANDRUN_LEAKS),
                own("--keep-fd keeps a named inherited descriptor",
                        f -> sandbox(line("--keep-fd 7 " + LIBS + "--ro /proc -- bash -c", "test -e /proc/self/fd/7"))
                                .wrappedIn("exec 7</etc/hostname"), exit(0)).requires(Capability.KEEP_FD),
                sameAsDirect("signal mask and ignored signals are the caller's (nohup)", "trap '' HUP",
                        OwnCases::standardSignals, "grep", "-E", "^Sig(Blk|Ign)", "/proc/self/status"),
                sameAsDirect("RLIMIT_NOFILE is the caller's", "ulimit -Sn 1000", UnaryOperator.identity(), "bash", "-c", "ulimit -Sn; ulimit -Hn"),
                own("the command's exit status is passed through", f -> sandbox(line(LIBS + "-- sh -c", "exit 42")), exit(42)),
                own("death by signal is passed through (128 + SIGTERM)",
                        f -> sandbox(line(LIBS + "-- sh -c", "kill -TERM $$")), exit(143)),
                own("nothing is left in /tmp", f -> {
                    f.snapshotTmp();
                    return sandbox(line(LIBS + "-- sh -c", "echo $$"));
                }, exit(0).and(new Check("no new JVM or runlock file in /tmp", (o, f) -> f.newInTmp().stream()
                        .filter(name -> !name.startsWith("runlock-conformance-")) // the harness's own
                        .noneMatch(name -> name.contains(o.stdout().strip()) || name.startsWith("runlock")
                                || name.startsWith("+~JF") || name.startsWith("jna") || name.startsWith(".java_pid"))))
                        .and(new Check(
                        "no hsperfdata file for the command's pid", (o, f) -> {
                            try (Stream<Path> users = Files.list(Path.of("/tmp")).filter(p -> p.getFileName().toString()
                                    .startsWith("hsperfdata_"))) {
                                return users.noneMatch(dir -> Files.exists(dir.resolve(o.stdout().strip())));
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        }))));
    }

    private static List<Case> views() {
        return List.of(
                own("status prints the Landlock ABI", f -> raw("status"), exit(0).and(Check.stdoutContains("ABI")))
                        .requires(Capability.STATUS),
                own("status --json reports the host ABI", f -> raw("status", "--json"),
                        t -> Expected.status(0).and(new Check("stdout has \"abi\": " + t.hostAbi(),
                                (o, f) -> Pattern.compile("\"abi\"\\s*:\\s*" + t.hostAbi() + "\\b").matcher(o.stdout()).find())))
                        .requires(Capability.STATUS),
                own("--explain prints the ruleset and runs nothing",
                        f -> sandbox(line("--explain --ro " + RO + " -- cat " + RO + "/test.txt")),
                        exit(0).and(Check.stdoutContains(RO)).and(Check.stdoutLacks("readonly content")))
                        .requires(Capability.EXPLAIN),
                own("--explain shows what auto-import adds", f -> sandbox(line("--explain -- cat /etc/hostname")),
                        exit(0).and(Check.stdoutContains(which("cat")))).requires(Capability.EXPLAIN));
    }

    private static List<Case> badInput() {
        return List.of(
                bad("--bind-tcp 70000", "70000"),
                bad("--connect-tcp http", "http"),
                bad("--bind-udp -1", "-1"),
                bad("--connect-udp 1-", "1-"),
                bad("--bind-tcp 8000-7000", "8000-7000"),
                bad("--compat bogus", "bogus"),
                bad("--abi x", "--abi"),
                bad("--log-level loud", "loud"),
                bad("--keep-fd x", "--keep-fd"),
                bad("--frobnicate", "--frobnicate"),
                bad("--rox /nonexistent/rox-xyz", "/nonexistent/rox-xyz"),
                bad("--rw /nonexistent/rw-xyz", "/nonexistent/rw-xyz"),
                bad("--unix /nonexistent/unix-xyz", "/nonexistent/unix-xyz"),
                own("bad input: --ro without a value", f -> raw("--ro"), exit(1).and(Check.oneErrorLine("--ro")))
                        .requires(Capability.OWN_ERRORS),
                own("bad input: status --xml", f -> raw("status", "--xml"), exit(1).and(Check.oneErrorLine("--xml")))
                        .requires(Capability.OWN_ERRORS, Capability.STATUS));
    }

    // ---- Edges of the process the command inherits (terminal, standard descriptors): issue 12 §2, §5. ----

    private static final String TERMINAL = "--rw /dev/ptmx --rw /dev/pts ";
    private static final String LANDRUN_INJECTS = "landrun lets the command push input into its terminal (TIOCSTI), "
            + "which the caller's shell would run after the command exits, outside the sandbox";

    private static List<Case> edges() {
        return List.of(
                own("TIOCSTI on the controlling terminal fails, so nothing is typed into the caller's shell",
                        f -> sandbox(line(PY + TERMINAL + "-- " + PYTHON + " -c", tiocsti(0x5412L))).autoImported(), exit(1))
                        .deviates(Dialect.LANDRUN, exit(0), LANDRUN_INJECTS),
                own("TIOCSTI with bit 32 set fails too (CVE-2019-10063)",
                        f -> sandbox(line(PY + TERMINAL + "-- " + PYTHON + " -c", tiocsti(0x5412L | (1L << 32)))).autoImported(),
                        exit(1)).deviates(Dialect.LANDRUN, exit(0), LANDRUN_INJECTS),
                own("a closed stdin reaches the command as /dev/null, never as a file the launcher opened",
                        f -> sandbox(line(LIBS + "--ro /proc -- bash -c", "test \"$(readlink /proc/$$/fd/0)\" = /dev/null"))
                                .wrappedIn("exec 0<&-"), exit(0)),
                own("a closed stdout and stderr reach the command as /dev/null",
                        f -> sandbox(line(LIBS + "--ro /proc -- bash -c", "test \"$(readlink /proc/$$/fd/1)\" = /dev/null"
                                + " && test \"$(readlink /proc/$$/fd/2)\" = /dev/null"))
                                .wrappedIn("exec 1>&- 2>&-"), exit(0)));
    }

    /**
     * A process on a new pseudo-terminal (its controlling terminal, as a shell's) pushes one byte
     * into the terminal's input with ioctl {@code request}; exit 0 if that worked.
     */
    private static String tiocsti(long request) {
        return """
                import ctypes, os, pty, sys
                pid, fd = pty.fork()
                if pid == 0:
                    libc = ctypes.CDLL(None, use_errno=True)
                    libc.ioctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_char_p]
                    os._exit(0 if libc.ioctl(0, %d, b"x") == 0 else 1)
                _, status = os.waitpid(pid, 0)
                sys.exit(os.waitstatus_to_exitcode(status))
                """.formatted(request);
    }

    /** no_new_privs as the sandboxed command sees it: exit 0 when set, 3 when not. */
    private static List<Case> noNewPrivs() {
        String[] probe = {"awk", "/^NoNewPrivs:/ { exit($2 == 1 ? 0 : 3) }", "/proc/self/status"};
        return List.of(
                own("no_new_privs is set in the sandbox", f -> sandbox(line("--ro /proc --", probe)).autoImported(), exit(0)),
                own("no_new_privs is set when nothing is restricted too (the terminal guard needs it)",
                        f -> sandbox(line("--unrestricted-filesystem --unrestricted-network --unrestricted-scoped --", probe)),
                        exit(0)));
    }

    // ---- Inputs that must never widen the sandbox (empty paths, a config nobody trusted): issue 12 §1, §3. ----

    private static List<Case> hardening() {
        return List.of(
                own("an empty --rw grants nothing (not the working directory)",
                        f -> sandbox("--rw", "", "--", "touch", "new.txt").autoImported(),
                        exit(1).and(absent("new.txt"))),
                own("an empty item in a comma list is refused", f -> raw(line("--rw " + RW + ",,/tmp -- true")),
                        exit(1).and(Check.oneErrorLine("--rw"))).requires(Capability.OWN_ERRORS),
                configured("an empty path in sandbox.toml is refused at its line", f -> "[touch]\nrw = [\"\"]\n",
                        "touch new.txt", exit(1).and(errorAt(2)).and(absent("new.txt"))),
                own("an untrusted ./sandbox.toml is refused, naming the command that trusts it", f -> {
                    f.write("sandbox.toml", "[touch]\nunrestricted_filesystem = true\n", false);
                    return trustStore(f, sandbox(line("-- touch new.txt")));
                }, exit(1).and(Check.oneErrorLine("runlock trust")).and(absent("new.txt"))).requires(Capability.CONFIG));
    }

    // ---- Rules above the effective ABI: issue 12 §6. ----

    /**
     * A rule or flag that needs more than the effective ABI (the kernel's or the {@code --abi}
     * pin) is a dropped feature like any other: warned about, refused when hard.
     */
    private static List<Case> droppedRules() {
        return List.of(
                own("--abi 7 with --connect-udp warns that the UDP rule is dropped",
                        f -> raw(line("--abi 7 " + LIBS + "--connect-udp " + f.port() + " -- true")),
                        Expectation.pinned(7, degraded(Feature.UDP, 0)))
                        .requires(Capability.ABI_PIN, Capability.UDP, Capability.OWN_ERRORS),
                own("--abi 7 --strict with --connect-udp is refused",
                        f -> raw(line("--abi 7 --strict " + LIBS + "--connect-udp " + f.port() + " -- true")),
                        Expectation.pinned(7, refusedWithout(Feature.UDP, 0)))
                        .requires(Capability.ABI_PIN, Capability.UDP, Capability.COMPAT),
                own("--abi 7 --strict with --unix is refused",
                        f -> raw(line("--abi 7 --strict " + LIBS + "--unix " + RO + " -- true")),
                        Expectation.pinned(7, refusedWithout(Feature.UNIX, 0)))
                        .requires(Capability.ABI_PIN, Capability.COMPAT),
                own("--abi 6 --strict with an audit log flag is refused",
                        f -> raw(line("--abi 6 --strict --log-disable-originating " + LIBS + "-- true")),
                        Expectation.pinned(6, refusedWithout(Feature.AUDIT, 0)))
                        .requires(Capability.ABI_PIN, Capability.COMPAT),
                own("--abi 7 --explain lists the dropped UDP rule",
                        f -> raw(line("--explain --abi 7 " + LIBS + "--connect-udp " + f.port() + " -- true")),
                        exit(0).and(Check.stdoutContains("dropped:")).and(Check.stdoutContains("needs UDP (ABI 10)")))
                        .requires(Capability.ABI_PIN, Capability.UDP, Capability.EXPLAIN),
                own("a --unix rule the kernel cannot enforce is reported, not dropped silently",
                        f -> sandbox(line(LIBS + "--unix " + RO + " -- true")), degraded(Feature.UNIX, 0))
                        .deviates(Dialect.LANDRUN, exit(0), LANDRUN_SILENT));
    }

    private static Case own(String name, Function<Fixture, Invocation> invocation, Expectation expectation) {
        return Case.of("", name, invocation, expectation);
    }

    private static Case bad(String options, String culprit) {
        return own("bad input: " + options, f -> raw(line(options + " -- true")),
                exit(1).and(Check.oneErrorLine(culprit))).requires(Capability.OWN_ERRORS);
    }

    /** A case whose sandbox.toml (returned by toml) configures the command given as shell words. */
    private static Case configured(String name, Function<Fixture, String> toml, String command, Expectation expectation) {
        return configured(name, toml, List.of(line(command)), expectation);
    }

    private static Case configured(String name, Function<Fixture, String> toml, List<String> command,
            Expectation expectation) {
        return configured(name, toml, f -> command, expectation);
    }

    private static Case configured(String name, Function<Fixture, String> toml, Function<Fixture, List<String>> command,
            Expectation expectation) {
        return own(name, f -> {
            String text = toml.apply(f);
            List<String> words = new ArrayList<>(List.of("--"));
            words.addAll(command.apply(f));
            return sandbox(words.toArray(String[]::new)).withEnv("SANDBOX_CONFIG", config(f, text).toString());
        }, expectation).requires(Capability.CONFIG);
    }

    private static Case untrusted(String mode, String who) {
        return own("a sandbox.toml writable by " + who + " is refused", f -> {
            Path file = config(f, "[cat]\nro = [\"/etc\"]\n");
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return raw("--", "cat", "/etc/hostname").withEnv("SANDBOX_CONFIG", file.toString());
        }, exit(1).and(Check.oneErrorLine("sandbox.toml"))).requires(Capability.CONFIG);
    }

    /**
     * The same command run directly and through the sandbox, both from a shell that ran SETUP,
     * print the same (after {@code normal}).
     */
    private static Case sameAsDirect(String name, String setup, UnaryOperator<String> normal, String... command) {
        List<String> direct = new ArrayList<>(List.of("bash", "-c", setup + "; exec \"$@\"", "direct"));
        direct.addAll(List.of(command));
        return own(name, f -> sandbox(line(LIBS + "--ro /proc --", command)).wrappedIn(setup),
                exit(0).and(new Check("stdout equal to a direct run's", (o, f) -> {
                    try {
                        return normal.apply(o.stdout())
                                .equals(normal.apply(Execution.run(direct, Map.of(), f.root()).stdout()));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                })));
    }

    /**
     * Keeps signals 1-31 of /proc's signal masks: 32 and 33 are glibc's own (thread cancellation,
     * setxid), which a runtime may handle; a JVM parent even hands its children both ignored.
     */
    private static String standardSignals(String status) {
        return Pattern.compile("\\p{XDigit}{16}").matcher(status)
                .replaceAll(m -> "%08x".formatted(Long.parseUnsignedLong(m.group(), 16) & 0x7fffffffL));
    }

    private static Path config(Fixture f, String toml) {
        return f.write("sandbox.toml", toml, false);
    }

    /** A [python3] section granting what python needs, plus the given lines. */
    private static String pyConfig(String lines) {
        return "[python3]\nrox = [\"/usr\"]\nro = [\"/etc\"]\n" + lines + "\n";
    }

    private static Function<Fixture, List<String>> python(Function<Fixture, String> script) {
        return f -> List.of(PYTHON, "-c", script.apply(f));
    }

    /** A trust store of the fixture's own, so the caller's never counts. */
    private static Invocation trustStore(Fixture f, Invocation invocation) {
        return invocation.withEnv("XDG_CONFIG_HOME", f.path("xdg").toString());
    }

    private static Check absent(String relative) {
        return new Check(relative + " does not exist", (o, f) -> !Files.exists(f.path(relative)));
    }

    private static Check exists(String relative) {
        return new Check(relative + " exists", (o, f) -> Files.exists(f.path(relative)));
    }

    private static Check errorAt(int lineNumber) {
        Pattern number = Pattern.compile("\\b" + lineNumber + "\\b");
        return new Check("one 'runlock:' stderr line naming sandbox.toml and line " + lineNumber, (o, f) -> {
            var lines = o.stderrLines();
            return lines.size() == 1 && lines.getFirst().startsWith("runlock:")
                    && lines.getFirst().contains("sandbox.toml") && number.matcher(lines.getFirst()).find();
        });
    }

    private static Check outsideProcessSurvives() {
        return new Check("the process outside is still alive", (o, f) -> f.spawned().isAlive());
    }

    private static Check outsideProcessDies() {
        return new Check("the process outside got the signal", (o, f) -> {
            try {
                return f.spawned().waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    /** Starts a pathname unix socket listener (outside the sandbox) in the rw dir; returns its path. */
    private static String unixListener(Fixture f) {
        Path socket = f.path(RW + "/sock");
        f.spawn(PYTHON, "-c", listenerScript("'" + socket + "'"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(socket));
        return socket.toString();
    }

    /** Starts an abstract unix socket listener outside the sandbox; returns its name (without the NUL). */
    private static String abstractListener(Fixture f) {
        String name = "runlock-conformance-" + ProcessHandle.current().pid() + "-" + f.root().getFileName();
        f.spawn(PYTHON, "-c", listenerScript("'\\0" + name + "'"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(Path.of("/proc/net/unix"))
                .contains("@" + name));
        return name;
    }

    private static String listenerScript(String address) {
        return """
                import socket, time
                s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                s.bind(%s)
                s.listen(8)
                while True:
                    c, _ = s.accept()
                    c.close()
                """.formatted(address);
    }

    private static String unixConnect(String address) {
        return """
                import socket, sys
                s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                try:
                    s.connect('%s')
                except OSError:
                    sys.exit(1)
                """.formatted(address);
    }

    private static String connect(int port) {
        return """
                import socket, sys
                try:
                    socket.create_connection(('127.0.0.1', %d), timeout=2).close()
                except OSError:
                    sys.exit(1)
                """.formatted(port);
    }

    private static String bind(String type, int port) {
        return """
                import socket, sys
                s = socket.socket(socket.AF_INET, socket.%s)
                try:
                    s.bind(('127.0.0.1', %d))
                except OSError:
                    sys.exit(1)
                """.formatted(type, port);
    }

    /** truncate(2) by path: unlike truncate(1), opens nothing for writing first. */
    private static String truncate(String path) {
        return """
                import os, sys
                try:
                    os.truncate('%s', 0)
                except OSError:
                    sys.exit(1)
                """.formatted(path);
    }

    private static String sendUdp(int port) {
        return """
                import socket, sys
                s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                try:
                    s.sendto(b'x', ('127.0.0.1', %d))
                except OSError:
                    sys.exit(1)
                """.formatted(port);
    }

    private static void symlink(Path link, Path target) {
        try {
            Files.createSymbolicLink(link, target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Case> number(List<Case> cases) {
        List<Case> numbered = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            numbered.add(new Case("R%02d".formatted(i + 1), c.name(), c.invocation(), c.expectation(), c.requires(),
                    c.tags(), c.deviations()));
        }
        return numbered;
    }
}
