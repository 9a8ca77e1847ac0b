package dev.runlock.cli.trace;

import static dev.runlock.cli.trace.StraceLinesTest.hex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runlock.testkit.MachineCapability;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** From a trace to what the command did: runlock's own part cut off, paths resolved, hostile names intact. */
class ObserverTest {
    private static final String MARKER = "/proc/self/marker";

    @TempDir
    Path dir;

    /** The operations after the command's own execve. */
    private static List<Operation> observe(String... lines) {
        Observer observer = new Observer(MARKER, "/work");
        for (String line : lines) {
            observer.accept(line);
        }
        List<Operation> all = observer.operations();
        return all.isEmpty() ? all : all.subList(1, all.size());
    }

    private static String open(int pid, String dirfd, String path, String flags, String result) {
        return pid + " openat(" + dirfd + ", \"" + hex(path) + "\", " + flags + ") = " + result;
    }

    private static final String MARK = open(11, "AT_FDCWD", MARKER, "O_RDONLY", "-1 ENOENT (No such file or directory)");
    private static final String EXEC = "11 execve(\"" + hex("/usr/bin/cat") + "\", [\"" + hex("cat")
            + "\"], 0x1 /* 0 vars */ <pid changed to 10 ...>";

    @Test
    void onlyWhatFollowsRunlocksExecveCounts() {
        List<Operation> ops = observe(open(10, "AT_FDCWD", "/jvm/lib", "O_RDONLY", "3"), MARK,
                open(12, "AT_FDCWD", "/jvm/gc-thread", "O_RDONLY", "3"), EXEC,
                open(12, "AT_FDCWD", "/jvm/late-thread", "O_RDONLY", "3"),
                open(10, "AT_FDCWD", "/etc/hostname", "O_RDONLY|O_CLOEXEC", "3"));
        assertThat(ops).extracting(Operation::path).containsExactly("/etc/hostname");
        assertThat(ops.getFirst().program()).isEqualTo("cat");
    }

    @Test
    void anExecveCutShortByAnotherThreadStillStartsTheCommand() {
        List<Operation> ops = observe(MARK, EXEC.replace("<pid changed to 10 ...>", "<unfinished ...>"),
                open(12, "AT_FDCWD", "/jvm/gc-thread", "O_RDONLY", "3"),
                "10 +++ superseded by execve in pid 11 +++", "10 <... execve resumed>) = 0",
                open(10, "AT_FDCWD", "/etc/hostname", "O_RDONLY|O_CLOEXEC", "3"));
        assertThat(ops).extracting(Operation::path).containsExactly("/etc/hostname");
    }

    @Test
    void withoutTheMarkerNothingCounts() {
        assertThat(observe(open(10, "AT_FDCWD", "/etc/hostname", "O_RDONLY", "3"), EXEC)).isEmpty();
    }

    @Test
    void relativePathsResolveAgainstTheDescriptorTheCwdOrAChdir() {
        List<Operation> ops = observe(MARK, EXEC,
                open(10, "AT_FDCWD<" + hex("/home/u") + ">", "a/../b", "O_RDONLY", "3"),
                open(10, "5<" + hex("/srv/data") + ">", "./c", "O_RDONLY", "3"),
                "10 chdir(\"" + hex("/tmp") + "\") = 0",
                "10 mkdir(\"" + hex("new") + "\", 0777) = 0",
                "10 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|SIGCHLD) = 20",
                "20 unlink(\"" + hex("old") + "\") = 0");
        assertThat(ops).extracting(Operation::path).containsExactly("/home/u/b", "/srv/data/c", "/tmp/new", "/tmp/old");
        assertThat(ops).extracting(Operation::access).containsExactly(Access.READ, Access.READ, Access.CREATE,
                Access.REMOVE);
        assertThat(ops.get(3).program()).as("a child runs its parent's program").isEqualTo("cat");
    }

    @Test
    void openFlagsDecideTheAccess() {
        List<Operation> ops = observe(MARK, EXEC,
                open(10, "AT_FDCWD", "/r", "O_RDONLY", "3"),
                open(10, "AT_FDCWD", "/d", "O_RDONLY|O_DIRECTORY", "3"),
                open(10, "AT_FDCWD", "/w", "O_WRONLY|O_TRUNC", "3"),
                open(10, "AT_FDCWD", "/rw", "O_RDWR", "3"),
                open(10, "AT_FDCWD", "/c", "O_WRONLY|O_CREAT|O_TRUNC, 0666", "3"),
                open(10, "AT_FDCWD", "/p", "O_PATH", "3"));
        assertThat(ops).extracting(o -> o.path() + " " + o.access()).containsExactly("/r READ", "/d LIST", "/w WRITE",
                "/rw WRITE", "/rw READ", "/c OPEN_CREATE");
    }

    @Test
    void portsAndPathnameUnixSocketsAreSeenWithTheirProtocol() {
        List<Operation> ops = observe(MARK, EXEC,
                "10 connect(3<TCP:[1]>, {sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr(\"" + hex("127.0.0.1")
                        + "\")}, 16) = -1 EACCES (Permission denied)",
                "10 bind(4<TCPv6:[2]>, {sa_family=AF_INET6, sin6_port=htons(0), sin6_flowinfo=htonl(0)}, 28) = 0",
                "10 sendto(5<UDP:[3]>, \"" + hex("x") + "\", 1, 0, {sa_family=AF_INET, sin_port=htons(53)}, 16) = 1",
                "10 connect(6<UNIX-STREAM:[4]>, {sa_family=AF_UNIX, sun_path=\"" + hex("/run/s.sock") + "\"}, 15) = 0",
                "10 connect(7<UNIX-STREAM:[5]>, {sa_family=AF_UNIX, sun_path=@\"" + hex("abstract") + "\"}, 11) = 0");
        assertThat(ops).extracting(o -> o.access() + " " + o.port() + " " + o.path()).containsExactly(
                "CONNECT_TCP 8080 ", "BIND_TCP 0 ", "CONNECT_UDP 53 ", "CONNECT_UNIX -1 /run/s.sock");
        assertThat(ops.get(0).errno()).contains("EACCES");
    }

    private static String bytes(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /** The parser against real strace output, on names a hostile command would choose. */
    @Test
    void realStraceOnHostileNames() throws IOException, InterruptedException {
        Path strace = Path.of("/usr/bin/strace");
        MachineCapability.STRACE.assume("the trace parser is not checked against real strace output");
        List<String> names = List.of("we\"ird\nname = x (deleted)", "a<b>c", "tab\there, ", "x) = 0 <unfinished ...>");
        for (String name : names) {
            Files.writeString(dir.resolve(name), "x");
        }
        Path trace = dir.resolve("trace.txt");
        String script = "cat " + MARKER + " 2>/dev/null; cd '" + dir + "' && printf x > \"$(printf 'bad\\377\\376')\""
                + " && exec cat ./*";
        Process p = new ProcessBuilder(strace.toString(), "-f", "-qq", "-xx", "-yy", "-s", "4096", "-e",
                "trace=openat,execve,chdir", "-o", trace.toString(), "--", "/bin/sh", "-c", script)
                .redirectErrorStream(true).redirectOutput(dir.resolve("out").toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Observer observer = new Observer(MARKER, "/");
        Files.readAllLines(trace, StandardCharsets.ISO_8859_1).forEach(observer::accept);
        List<String> read = observer.operations().stream().filter(o -> o.access() == Access.READ && o.succeeded())
                .map(Operation::path).toList();
        for (String name : names) {
            assertThat(read).contains(bytes(dir.resolve(name).toString()));
        }
        assertThat(read).contains(bytes(dir.toString()) + "/bad\u00ff\u00fe");
    }

    /** A child whose lines come before its fork's: named after the program it executed, never "?". */
    @Test
    void aChildSeenBeforeItsForkIsNamedFromItsExecve() {
        List<Operation> ops = observe(MARK, EXEC,
                "20 execve(\"" + hex("/usr/local/bin/cc") + "\", [\"" + hex("cc") + "\"], 0x1 /* 0 vars */) = -1 ENOENT "
                        + "(No such file or directory)",
                open(20, "AT_FDCWD", "/etc/cc.conf", "O_RDONLY", "-1 ENOENT (No such file or directory)"),
                "10 clone(child_stack=NULL, flags=SIGCHLD) = 20",
                "30 execve(\"" + hex("/usr/bin/ld") + "\", [\"" + hex("ld") + "\"], 0x1 /* 0 vars */) = 0",
                "10 clone(child_stack=NULL, flags=SIGCHLD) = 30",
                open(30, "AT_FDCWD", "/etc/ld.conf", "O_RDONLY", "3"));
        assertThat(ops).extracting(Operation::program).containsExactly("cat", "cat", "ld", "ld");
        List<Operation> unforked = observe(MARK, EXEC,
                "40 execve(\"" + hex("/usr/local/bin/cc") + "\", [\"" + hex("cc") + "\"], 0x1 /* 0 vars */) = -1 ENOENT "
                        + "(No such file or directory)");
        assertThat(unforked).extracting(Operation::program).containsExactly("cc");
    }

    /** The command's variables are read from its execve (strace -e abbrev=none), also an entry cut short. */
    @Test
    void theCommandsVariablesAreKnown() {
        Observer observer = new Observer(MARKER, "/work");
        observer.accept(MARK);
        observer.accept("11 execve(\"" + hex("/usr/bin/make") + "\", [\"" + hex("make") + "\"], [\"" + hex("HOME=/root")
                + "\", \"" + hex("PATH=/usr/bin") + "\"...]) = 0");
        assertThat(observer.commandVariables()).contains(java.util.Set.of("HOME", "PATH"));
        Observer none = new Observer(MARKER, "/work");
        none.accept(MARK);
        none.accept(EXEC.replace(" <pid changed to 10 ...>", ") = 0"));
        assertThat(none.commandVariables()).contains(java.util.Set.of());
    }
}
