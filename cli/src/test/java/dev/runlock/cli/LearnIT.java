package dev.runlock.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.runlock.testkit.MachineCapability;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code runlock learn} and {@code runlock diagnose} end to end through {@code ./runlock}, as root
 * and as an unprivileged user: the learned section (through SANDBOX_CONFIG) lets the same run
 * through, a run that needs one more file or port is denied, and diagnose names the option.
 */
class LearnIT {
    /** An account with no privileges, made once (as root) for these tests. */
    private static final String USER = "runlock-learn";
    private static final String USER_HOME = "/home/" + USER;

    /** Who runs runlock. */
    enum As { ROOT, USER }

    private Path dir;
    private Path outside;
    private final List<AutoCloseable> servers = new ArrayList<>();

    @BeforeAll
    static void needsStraceTcpRulesAndQuietRuns() throws Exception {
        // TCP rules are ABI 4; every stderr line is read, so no warning either: the ABI 6 baseline.
        Host.assumeQuietRuns();
        MachineCapability.STRACE.assume("learn and diagnose are not tested end to end");
        MachineCapability.SETPRIV.assume("learn and diagnose are not tested end to end");
        if (MachineCapability.ROOT.available() && !Files.isDirectory(Path.of(USER_HOME))) {
            run("useradd", "-m", USER);
        }
    }

    @BeforeEach
    void setUp() throws IOException {
        // Not under /tmp: gcc's learned section grants /tmp, and the denied file must lie outside it.
        Path base = Files.createDirectories(Launcher.ROOT.resolve("cli/target/learn-it/" + UUID.randomUUID()));
        dir = Files.createDirectory(base.resolve("work"));
        outside = Files.writeString(Files.createDirectory(base.resolve("outside")).resolve("secret.txt"), "secret\n");
    }

    @AfterEach
    void stopServers() throws Exception {
        for (AutoCloseable s : servers) {
            s.close();
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).inheritIO().start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command)).isZero();
    }

    /** A launcher for {@code as}, after handing the test's files to that user. */
    private Launcher runlock(As as) throws IOException, InterruptedException {
        Launcher launcher = new Launcher(dir);
        if (as == As.USER) {
            MachineCapability.ROOT.assume("runs as another user only when the tests run as root");
            run("chown", "-R", USER + ":", dir.getParent().toString());
            launcher.environment().put("HOME", USER_HOME);
            launcher.via("exec runuser -u " + USER + " -- \"$0\" \"$@\"");
        }
        return launcher;
    }

    private int listening() throws IOException {
        ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        servers.add(socket);
        return socket.getLocalPort();
    }

    private Path config() {
        return dir.resolve("learned.toml");
    }

    private Launcher.Result learn(Launcher runlock, String... args) {
        List<String> all = new ArrayList<>(List.of("learn", "--write", config().toString()));
        all.addAll(List.of(args));
        Launcher.Result r = runlock.run(all.toArray(String[]::new));
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.errLines()).anyMatch(l -> l.startsWith("runlock: learn: wrote section ["));
        return r;
    }

    private Launcher.Result sandboxed(Launcher runlock, String... args) {
        runlock.environment().put("SANDBOX_CONFIG", config().toString());
        return runlock.run(args);
    }

    @ParameterizedTest
    @EnumSource(As.class)
    void gitLog(As as) throws Exception {
        Launcher runlock = runlock(as);
        String script = "git init -q repo && cd repo && git -c user.email=a@b -c user.name=a commit -q --allow-empty -m first";
        run("bash", "-c", "cd '" + dir + "' && " + script + " && cd .. && git init -q ../outside/other"
                + (as == As.USER ? " && chown -R " + USER + ": '" + dir.getParent() + "'" : ""));
        Launcher inRepo = new Launcher(dir.resolve("repo"));
        inRepo.environment().putAll(runlock.environment());
        if (as == As.USER) {
            inRepo.via("exec runuser -u " + USER + " -- \"$0\" \"$@\"");
        }
        Launcher.Result learned = learn(inRepo, "--env", "HOME", "--", "git", "log", "--format=%s");
        assertThat(learned.out()).isEqualTo("first\n");
        assertThat(Files.readString(config())).startsWith("[git]\n").contains("\"HOME\"");

        Launcher.Result again = sandboxed(inRepo, "git", "log", "--format=%s");
        assertThat(again.status()).as(again.err()).isZero();
        assertThat(again.out()).isEqualTo("first\n");
        Launcher.Result more = sandboxed(inRepo, "git", "-C", outside.resolveSibling("other").toString(), "log");
        assertThat(more.status()).isNotZero();
    }

    @ParameterizedTest
    @EnumSource(As.class)
    void makeAndGcc(As as) throws Exception {
        Launcher runlock = runlock(as);
        Files.writeString(dir.resolve("hello.c"), "#include <stdio.h>\nint main(void) { puts(\"hi\"); return 0; }\n");
        Files.writeString(dir.resolve("Makefile"), "hello: hello.c\n\tgcc -o hello hello.c\n\tcat hello.c\n\n"
                + "other:\n\tcat " + outside + "\n");
        chown(as);
        learn(runlock, "--env", "PATH", "--", "make");
        assertThat(dir.resolve("hello")).isExecutable();
        Files.delete(dir.resolve("hello"));

        Launcher.Result again = sandboxed(runlock, "make");
        assertThat(again.status()).as(again.err()).isZero();
        assertThat(dir.resolve("hello")).isExecutable();
        Launcher.Result more = sandboxed(runlock, "make", "other");
        assertThat(more.status()).isEqualTo(2);
        assertThat(more.err()).contains(outside + ": Permission denied");
    }

    @ParameterizedTest
    @EnumSource(As.class)
    void pythonReadsAFileAndConnects(As as) throws Exception {
        Launcher runlock = runlock(as);
        Files.writeString(dir.resolve("data.txt"), "data\n");
        Files.writeString(dir.resolve("client.py"), """
                import socket, sys
                print(open(sys.argv[1]).read().strip())
                socket.create_connection(("127.0.0.1", int(sys.argv[2]))).close()
                print("connected")
                """);
        chown(as);
        String port = Integer.toString(listening());
        Launcher.Result learned = learn(runlock, "--", "/usr/bin/python3", "client.py", "data.txt", port);
        assertThat(learned.out()).isEqualTo("data\nconnected\n");
        assertThat(Files.readString(config())).startsWith("[python3]\n").contains("    " + port + ",  # connected to by python3",
                "    \"python\",  # covers ");

        Launcher.Result again = sandboxed(runlock, "/usr/bin/python3", "client.py", "data.txt", port);
        assertThat(again.status()).as(again.err()).isZero();
        assertThat(again.out()).isEqualTo("data\nconnected\n");
        Launcher.Result otherPort = sandboxed(runlock, "/usr/bin/python3", "client.py", "data.txt",
                Integer.toString(listening()));
        assertThat(otherPort.status()).isNotZero();
        assertThat(otherPort.err()).contains("PermissionError");
        Launcher.Result otherFile = sandboxed(runlock, "/usr/bin/python3", "client.py", outside.toString(), port);
        assertThat(otherFile.status()).isNotZero();
        assertThat(otherFile.err()).contains("PermissionError");
    }

    @ParameterizedTest
    @EnumSource(As.class)
    void curlAgainstALocalHttpServer(As as) throws Exception {
        Launcher runlock = runlock(as);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "hello\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        servers.add(() -> server.stop(0));
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        Launcher.Result learned = learn(runlock, "--", "curl", "-sS", url);
        assertThat(learned.out()).isEqualTo("hello\n");

        Launcher.Result again = sandboxed(runlock, "curl", "-sS", url);
        assertThat(again.status()).as(again.err()).isZero();
        assertThat(again.out()).isEqualTo("hello\n");
        Launcher.Result otherPort = sandboxed(runlock, "curl", "-sS", "http://127.0.0.1:" + listening() + "/");
        assertThat(otherPort.status()).as("curl: couldn't connect").isEqualTo(7);
    }

    @ParameterizedTest
    @EnumSource(As.class)
    void diagnoseNamesTheOptionForADeniedFileAndPort(As as) throws Exception {
        Launcher runlock = runlock(as);
        Files.writeString(dir.resolve("client.py"), """
                import socket, sys
                try:
                    open(sys.argv[1]).read()
                except PermissionError:
                    print("file denied")
                try:
                    socket.create_connection(("127.0.0.1", int(sys.argv[2])))
                except PermissionError:
                    print("port denied")
                sys.exit(3)
                """);
        chown(as);
        int port = listening();
        Launcher.Result r = runlock.run("diagnose", "--ro", "/usr,/etc," + dir, "--", "/usr/bin/python3", "client.py",
                outside.toString(), Integer.toString(port));
        assertThat(r.status()).isEqualTo(3);
        assertThat(r.out()).isEqualTo("file denied\nport denied\n");
        assertThat(r.errLines()).containsExactly(
                "runlock: diagnose: the sandbox denied 2 operations:",
                "runlock:   python3: openat " + outside + " (read): EACCES; allow with --ro " + outside,
                "runlock:   python3: connect TCP port " + port + ": EACCES; allow with --connect-tcp " + port,
                "runlock: diagnose: the command exited with status 3");

        Launcher.Result untraced = runlock.run("--ro", "/usr,/etc," + dir, "--", "/usr/bin/python3", "client.py",
                outside.toString(), Integer.toString(port));
        assertThat(untraced.status()).as("the traced sandbox is the real one").isEqualTo(3);
        assertThat(untraced.out()).isEqualTo(r.out());

        Launcher.Result allowed = runlock.run("diagnose", "--ro", "/usr,/etc," + dir + "," + outside, "--connect-tcp",
                Integer.toString(port), "--", "/usr/bin/python3", "client.py", outside.toString(), Integer.toString(port));
        assertThat(allowed.status()).isEqualTo(3);
        assertThat(allowed.out()).isEmpty();
        assertThat(allowed.errLines()).containsExactly(
                "runlock: diagnose: the sandbox denied nothing; the command exited with status 3",
                "runlock: diagnose: PATH is not passed: if the command runs programs by name, add --env PATH or "
                        + "--preset shell-env");
    }

    /**
     * A command granted {@code /proc} and {@code /tmp} cannot reach the trace through its tracer's
     * descriptors: diagnose still reports what it denied. Only this run's processes are named.
     */
    @Test
    void theCommandCannotRewriteTheTrace() throws Exception {
        Launcher runlock = runlock(As.ROOT);
        String forge = "for f in /proc/$PPID/fd/*; do (: > \"$f\") 2>/dev/null; done; cat " + outside;
        Launcher.Result r = runlock.run("diagnose", "--rox", "/usr", "--rw", "/tmp,/proc", "--", "/bin/sh", "-c", forge);
        assertThat(r.errLines()).as(r.err())
                .contains("runlock:   cat: openat " + outside + " (read): EACCES; allow with --ro " + outside);
    }

    /**
     * The trace never has a name that another sandbox could be granted: in a private {@code /tmp}
     * (a mount namespace of this run alone), a watcher sees nothing made there while diagnose runs.
     */
    @Test
    void theTraceNeverHasAName() throws Exception {
        MachineCapability.ROOT.assume("a private /tmp (a mount namespace) needs root: the trace's namelessness is "
                + "not checked end to end");
        Path pid = dir.resolve("pid");
        Path go = dir.resolve("go");
        run("mkfifo", go.toString());
        Launcher runlock = runlock(As.ROOT).via("exec unshare -m /bin/bash -c 'mount -t tmpfs tmpfs /tmp && echo $$ > "
                + pid + " && read -r x < " + go + " && \"$0\" \"$@\"; s=$?; : > /tmp/control; exit $s' \"$0\" \"$@\"");
        CompletableFuture<Launcher.Result> diagnosed = CompletableFuture.supplyAsync(
                () -> runlock.run("diagnose", "--", "/bin/true"));
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(pid) && Files.readString(pid).endsWith("\n"));
        Path tmp = Path.of("/proc/" + Files.readString(pid).strip() + "/root/tmp");
        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            WatchKey key = tmp.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
            Files.writeString(go, "go\n");
            Launcher.Result r = diagnosed.get(90, TimeUnit.SECONDS);
            assertThat(r.status()).as(r.err()).isZero();
            List<String> made = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                key.pollEvents().forEach(e -> made.add(String.valueOf(e.context())));
                return made.contains("control");
            });
            assertThat(made).as("made in /tmp during the run").containsExactly("control");
        }
    }

    /**
     * make without PATH finds no compiler: learn says the run failed and that PATH is not passed,
     * and writes nothing; with --write-on-failure the section is written, marked as from a failed run.
     */
    @Test
    void aFailedRunIsSaidToHaveFailedAndWritesNothing() throws Exception {
        Files.writeString(dir.resolve("Makefile"), "all:\n\tcat Makefile\n");
        Launcher runlock = runlock(As.ROOT);
        Launcher.Result r = runlock.run("learn", "--write", config().toString(), "--", "make");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.errLines()).as(r.err()).contains(
                "runlock: learn: the command failed (status 2): nothing written; a run meant to fail is learned with "
                        + "--write-on-failure",
                "runlock: learn: PATH is not passed: if the command runs programs by name, add --env PATH or "
                        + "--preset shell-env");
        assertThat(config()).doesNotExist();

        Launcher.Result kept = runlock.run("learn", "--write", config().toString(), "--write-on-failure", "--", "make");
        assertThat(kept.status()).isEqualTo(2);
        assertThat(Files.readString(config())).contains("# that run failed (status 2): a run that succeeds may need more");
        learn(runlock, "--env", "PATH", "--", "make");
        assertThat(Files.readString(config())).as("control: with PATH it works").doesNotContain("that run failed");
    }

    /** A --write file that cannot be created is one error naming it as given, with the reason. */
    @Test
    void aFileThatCannotBeWrittenIsNamedWithTheReason() throws Exception {
        Launcher.Result r = runlock(As.ROOT).run("learn", "--write", "/proc/nope.toml", "--", "true");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.errLines()).as(r.err()).containsOnlyOnce(
                "runlock: error: /proc/nope.toml: cannot write: No such file or directory")
                .noneMatch(l -> l.contains(".tmp"));
    }

    /** diagnose names PATH when nothing was denied but the command failed, or did not find a program. */
    @Test
    void diagnoseNamesAMissingPath() throws Exception {
        Files.writeString(dir.resolve("Makefile"), "all:\n\tcat Makefile\n");
        Launcher runlock = runlock(As.ROOT);
        Launcher.Result make = runlock.run("diagnose", "--rw", ".", "--", "make");
        assertThat(make.errLines()).as(make.err()).containsSubsequence(
                "runlock: diagnose: the sandbox denied nothing; the command exited with status 2",
                "runlock: diagnose: PATH is not passed: if the command runs programs by name, add --env PATH or "
                        + "--preset shell-env");
        Launcher.Result notFound = runlock.run("diagnose", "--rox", "/usr", "--", "/bin/sh", "-c", "no-such-program");
        assertThat(notFound.status()).isEqualTo(127);
        assertThat(notFound.errLines()).as(notFound.err()).contains("runlock: diagnose: PATH is not passed and a "
                + "program was not found: add --env PATH or --preset shell-env");
        Launcher.Result passed = runlock.run("diagnose", "--rox", "/usr", "--env", "PATH", "--", "/bin/sh", "-c",
                "no-such-program");
        assertThat(passed.errLines()).as("control: PATH passed").noneMatch(l -> l.contains("PATH"));
    }

    /** The "run it with" hint is a line a shell reads back word for word. */
    @Test
    void theHintIsShellQuoted() throws Exception {
        Launcher.Result r = learn(runlock(As.ROOT), "--", "/bin/sh", "-c", "cat /etc/hostname >/dev/null; true");
        assertThat(r.errLines()).contains("runlock: learn: wrote section [sh] to " + config() + "; run it with: "
                + "SANDBOX_CONFIG=" + config() + " runlock /bin/sh -c 'cat /etc/hostname >/dev/null; true'");
    }

    /**
     * Reading /etc/hosts and /etc/resolv.conf learns those files, not the dns preset and its port 53;
     * /etc/os-release, a link into /usr/lib, is learned where it leads; the learned section lets the run through.
     */
    @Test
    void pathsAreLearnedWhereTheyLeadAndNoPresetGrantsAPortTheRunDidNotUse() throws Exception {
        assumeTrue(Files.isSymbolicLink(Path.of("/etc/os-release")), "/etc/os-release is a link here");
        Launcher runlock = runlock(As.ROOT);
        learn(runlock, "--", "cat", "/etc/hosts", "/etc/resolv.conf", "/etc/os-release");
        assertThat(Files.readString(config())).doesNotContain("\"dns\"", "53")
                .contains("\"" + Path.of("/etc/os-release").toRealPath() + "\"");
        Launcher.Result again = sandboxed(runlock, "cat", "/etc/hosts", "/etc/resolv.conf", "/etc/os-release");
        assertThat(again.status()).as(again.err()).isZero();
    }

    /** A directory the run only listed is learned as listing only: its files stay unreadable. */
    @Test
    void aListedDirectoryIsLearnedWithoutItsFiles() throws Exception {
        Path listed = Files.createDirectories(dir.resolve("listed"));
        Files.writeString(listed.resolve("private.key"), "key\n");
        Launcher runlock = runlock(As.ROOT);
        learn(runlock, "--", "ls", listed.toString());
        assertThat(Files.readString(config())).contains("ls = [\n    \"" + listed + "\",  # listed by ls\n]")
                .doesNotContain("\"" + listed + "\",  # read", "\"" + listed.resolve("private.key"));
        Launcher.Result again = sandboxed(runlock, "ls", listed.toString());
        assertThat(again.status()).as(again.err()).isZero();
        assertThat(again.out()).isEqualTo("private.key\n");
        // The same section for cat: denied; with rox in place of ls (the control), read.
        String section = Files.readString(config()).replace("[ls]", "[cat]");
        Files.writeString(config(), section);
        Launcher.Result read = sandboxed(runlock, "cat", listed.resolve("private.key").toString());
        assertThat(read.status()).isEqualTo(1);
        assertThat(read.err()).contains("Permission denied");
        Files.writeString(config(), section.replace("ls = [", "rox = ["));
        Launcher.Result control = sandboxed(runlock, "cat", listed.resolve("private.key").toString());
        assertThat(control.status()).as(control.err()).isZero();
    }

    /** What a runtime reads about the machine is one line, the sysinfo preset, rather than a path each. */
    @Test
    void readsOfTheMachinesInformationAreTheSysinfoPreset() throws Exception {
        Launcher runlock = runlock(As.ROOT);
        String[] command = {"cat", "/proc/meminfo", "/proc/cpuinfo", "/proc/sys/vm/overcommit_memory"};
        learn(runlock, Stream.concat(Stream.of("--"), Stream.of(command)).toArray(String[]::new));
        assertThat(Files.readString(config())).contains("\"sysinfo\",  # covers ").doesNotContain("\"/proc/meminfo\"");
        Launcher.Result again = sandboxed(runlock, command);
        assertThat(again.status()).as(again.err()).isZero();
    }

    /** A script the run generated and ran is granted through its directory: the rerun from a clean state works. */
    @Test
    void aProgramTheRunCreatedIsNotRequiredToExist() throws Exception {
        Launcher runlock = runlock(As.ROOT);
        String script = "printf '#!/bin/sh\\necho generated\\n' > gen.sh && chmod +x gen.sh && ./gen.sh";
        Launcher.Result learned = learn(runlock, "--", "/bin/sh", "-c", script);
        assertThat(learned.out()).isEqualTo("generated\n");
        assertThat(Files.readString(config())).doesNotContain("gen.sh\",").contains("rwx = [");
        Files.delete(dir.resolve("gen.sh"));
        Launcher.Result again = sandboxed(runlock, "/bin/sh", "-c", script);
        assertThat(again.status()).as(again.err()).isZero();
        assertThat(again.out()).isEqualTo("generated\n");
    }

    /** SIGTERM, SIGINT, SIGHUP or SIGKILL to a diagnosing runlock ends the command too: nothing runs on under init. */
    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT", "HUP", "KILL"})
    void endingRunlockEndsTheCommand(String signal) throws Exception {
        Path runlockPid = dir.resolve("runlock.pid");
        Path commandPid = dir.resolve("command.pid");
        Launcher runlock = runlock(As.ROOT).via("set -m; \"$0\" \"$@\" & echo $! > " + runlockPid + "; wait $!");
        CompletableFuture<Launcher.Result> diagnosed = CompletableFuture.supplyAsync(() -> runlock.run("diagnose",
                "--rox", "/usr", "--rw", dir.toString(), "--", "/bin/sh", "-c", "echo $$ > " + commandPid + "; exec /bin/sleep 60"));
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(commandPid)
                && Files.readString(commandPid).endsWith("\n"));
        long command = Long.parseLong(Files.readString(commandPid).strip());
        assertThat(running(command)).as("control: the command runs").isTrue();
        run("kill", "-" + signal, Files.readString(runlockPid).strip());
        await().atMost(Duration.ofSeconds(20)).until(() -> !running(command));
        assertThat(diagnosed.get(30, TimeUnit.SECONDS).status()).isGreaterThan(128);
    }

    /** Whether process {@code pid} exists and is no zombie. */
    private static boolean running(long pid) throws IOException {
        Path stat = Path.of("/proc/" + pid + "/stat");
        try {
            String text = Files.readString(stat);
            return !text.substring(text.lastIndexOf(')') + 2).startsWith("Z");
        } catch (java.nio.file.NoSuchFileException e) {
            return false;
        }
    }

    /**
     * A program named to drive the terminal: diagnose and learn show its name escaped, and the
     * learned file, its comments included, is TOML that runlock reads back and learn can write to again.
     */
    @Test
    void aProgramNamedWithTerminalControlsIsShownEscaped() throws Exception {
        Launcher runlock = runlock(As.ROOT);
        Path program = Files.copy(Path.of("/usr/bin/cat"), dir.resolve("x\u001b]0;PWNED\u0007\u001b[31mcat"));
        String shown = "x\\x1b]0;PWNED\\x07\\x1b[31mcat";
        Launcher.Result diagnosed = runlock.run("diagnose", "--", program.toString(), "/etc/hostname");
        assertThat(diagnosed.errLines()).as(diagnosed.err()).anyMatch(l -> l.startsWith(
                "runlock:   " + shown + ": openat /etc/hostname (read): EACCES; allow with --ro /etc/hostname"));
        // cat's own message names it raw: that is the command's output, not runlock's.
        assertThat(diagnosed.errLines()).filteredOn(l -> l.startsWith("runlock:")).hasSize(3)
                .noneMatch(l -> l.contains("\u001b") || l.contains("\u0007"));

        Launcher.Result learned = learn(runlock, "--", program.toString(), "/etc/hostname");
        assertThat(learned.err()).doesNotContain("\u001b", "\u0007");
        assertThat(Files.readString(config())).contains("by " + shown).doesNotContain("\u001b", "\u0007");
        learn(runlock, "--", program.toString(), "/etc/hostname");
        Launcher.Result again = sandboxed(runlock, program.toString(), "/etc/hostname");
        assertThat(again.status()).as(again.err()).isZero();
        assertThat(again.out()).isEqualTo(Files.readString(Path.of("/etc/hostname")));
        Launcher.Result explained = sandboxed(runlock, "--explain", program.toString(), "/etc/hostname");
        assertThat(explained.status()).as(explained.err()).isZero();
        assertThat(explained.out()).contains("config:      " + config() + " [" + shown + "]").doesNotContain("\u001b");
    }

    /** The traced runlock gets its arguments byte for byte, whatever the locale: a Java command line would lose them. */
    @ParameterizedTest
    @ValueSource(strings = {"diagnose", "learn"})
    void argumentsThatAreNotUtf8ReachTheTracedCommand(String subcommand) throws Exception {
        Launcher runlock = runlock(As.ROOT);
        runlock.environment().remove("LANG");
        runlock.environment().put("LC_ALL", "C");
        String write = subcommand.equals("learn") ? " --write " + config() : "";
        Launcher.Result r = runlock.via("\"$0\" " + subcommand + write
                + " -- printf '%s|' $'\\xff\\xfe' $'caf\\xc3\\xa9' | od -An -tx1").run();
        assertThat(r.out()).as(r.err()).isEqualTo(" ff fe 7c 63 61 66 c3 a9 7c\n");
    }

    /** strace runs outside the sandbox: one in the working directory must not be the one started. */
    @ParameterizedTest(name = "PATH={0}")
    @ValueSource(strings = {":/usr/bin:/bin", ".:/usr/bin:/bin", "bin:/usr/bin:/bin"})
    void onlyAStraceInAnAbsolutePathEntryIsStarted(String path) throws Exception {
        Path started = dir.resolve("fake strace started");
        for (Path fake : List.of(dir.resolve("strace"), Files.createDirectory(dir.resolve("bin")).resolve("strace"))) {
            Files.writeString(fake, "#!/bin/sh\ntouch '" + started + "'\n").toFile().setExecutable(true);
        }
        Launcher runlock = runlock(As.ROOT);
        runlock.environment().put("PATH", path);
        Launcher.Result r = runlock.run("diagnose", "--", "/bin/true");
        assertThat(started).as(r.err()).doesNotExist();
        assertThat(r.status()).isZero();
        assertThat(r.errLines()).containsExactly(
                "runlock: diagnose: the sandbox denied nothing; the command exited with status 0");
    }

    /** However HOME names the home directory, learn lists the files used in it, never the whole directory. */
    @ParameterizedTest(name = "HOME={0}")
    @ValueSource(strings = {"HOME/", "HOME/../home", "LINK"})
    void theHomeDirectoryIsNeverLearnedWhole(String variable) throws Exception {
        Path home = Files.createDirectory(dir.resolve("home"));
        Files.createSymbolicLink(dir.resolve("link"), home);
        List<String> command = new ArrayList<>(List.of("--", "cat"));
        for (String name : List.of("a", "b", "c", "d")) {
            command.add(Files.writeString(home.resolve(name), name).toString());
        }
        Launcher runlock = runlock(As.ROOT);
        runlock.environment().put("HOME", variable.replace("HOME", home.toString()).replace("LINK", dir + "/link"));
        learn(runlock, command.toArray(String[]::new));
        assertThat(Files.readString(config())).contains("\"" + home.resolve("a") + "\"", "\"" + home.resolve("d") + "\"")
                .doesNotContain("\"" + home + "\"");
    }

    @Test
    void learnRefusesTheRootDirectoryAsCommandInOneLine() throws Exception {
        runlock(As.ROOT).run("learn", "--", "/").assertRefused("/: is a directory");
    }

    /** A command whose name is not UTF-8 gets a section all the same, which a later run finds. */
    @Test
    void aCommandNamedWithBytesThatAreNotUtf8IsLearned() throws Exception {
        Launcher runlock = runlock(As.ROOT);
        Launcher.Result r = runlock.via("cp /bin/true $'\\xff'cmd && exec \"$0\" \"$@\" ./$'\\xff'cmd")
                .run("learn", "--write", config().toString(), "--");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.errLines()).singleElement().asString().startsWith("runlock: learn: wrote section [");
    }

    private void chown(As as) throws IOException, InterruptedException {
        if (as == As.USER) {
            run("chown", "-R", USER + ":", dir.getParent().toString());
        }
    }
}
