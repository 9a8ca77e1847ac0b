package dev.runlock.cli.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** strace's lines, as {@code -f -xx -yy} writes them, including the ones to skip. */
class StraceLinesTest {
    /** {@code s} as strace -xx prints it: every byte {@code \xNN}. */
    static String hex(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            out.append(String.format("\\x%02x", (int) c));
        }
        return out.toString();
    }

    private final StraceLines lines = new StraceLines();

    @Test
    void aCompleteCallHasItsArgumentsResultAndDescriptorPath() {
        Syscall call = lines.accept("4182  openat(AT_FDCWD<" + hex("/tmp") + ">, \"" + hex("a, b) = 0") + "\", O_RDONLY) = 3<"
                + hex("/tmp/a, b) = 0") + ">").orElseThrow();
        assertThat(call.pid()).isEqualTo(4182);
        assertThat(call.name()).isEqualTo("openat");
        assertThat(call.args()).hasSize(3).endsWith("O_RDONLY");
        assertThat(TraceText.hexBytes(call.arg(1))).contains("a, b) = 0");
        assertThat(call.result()).isEqualTo(3);
        assertThat(call.resultFd()).contains("/tmp/a, b) = 0");
        assertThat(call.succeeded()).isTrue();
    }

    @Test
    void aFailedCallHasItsErrno() {
        Syscall call = lines.accept("7 openat(AT_FDCWD, \"" + hex("/x") + "\", O_RDONLY) = -1 EACCES (Permission denied)")
                .orElseThrow();
        assertThat(call.errno()).contains("EACCES");
        assertThat(call.result()).isEqualTo(-1);
    }

    @Test
    void anInterruptedCallIsJoinedWhenItResumes() {
        assertThat(lines.accept("5 connect(3<TCP:[1]>, {sa_family=AF_INET, sin_port=htons(80), <unfinished ...>"))
                .isEmpty();
        assertThat(lines.accept("6 openat(AT_FDCWD, \"" + hex("/y") + "\", O_RDONLY) = 4<" + hex("/y") + ">")).isPresent();
        Syscall call = lines.accept("5 <... connect resumed>sin_addr=inet_addr(\"" + hex("127.0.0.1")
                + "\")}, 16)     = -1 ECONNREFUSED (Connection refused)").orElseThrow();
        assertThat(call.name()).isEqualTo("connect");
        assertThat(call.args()).hasSize(3);
        assertThat(call.arg(1)).contains("htons(80)", "sin_addr");
        assertThat(call.errno()).contains("ECONNREFUSED");
    }

    @Test
    void anExecveByAnotherThreadContinuesUnderTheLeadersPid() {
        Syscall call = lines.accept("25592 execve(\"" + hex("/usr/bin/true") + "\", [\"" + hex("true")
                + "\"], 0x7f /* 0 vars */ <pid changed to 25591 ...>").orElseThrow();
        assertThat(call.pid()).isEqualTo(25591);
        assertThat(call.succeeded()).isTrue();
        assertThat(lines.accept("25591 <... execve resumed>)             = -1 (errno 18446744073709551359)")).isEmpty();
    }

    @Test
    void anExecveByAnotherThreadCutShortResumesUnderTheLeadersPid() {
        assertThat(lines.accept("25592 execve(\"" + hex("/usr/bin/true") + "\", [\"" + hex("true")
                + "\"], 0x7f /* 0 vars */ <unfinished ...>")).isEmpty();
        assertThat(lines.accept("25593 openat(AT_FDCWD, \"" + hex("/jvm") + "\", O_RDONLY) = 3")).isPresent();
        assertThat(lines.accept("25591 +++ superseded by execve in pid 25592 +++")).isEmpty();
        Syscall call = lines.accept("25591 <... execve resumed>)             = 0").orElseThrow();
        assertThat(call.pid()).isEqualTo(25591);
        assertThat(call.name()).isEqualTo("execve");
        assertThat(TraceText.hexBytes(call.arg(0))).contains("/usr/bin/true");
        assertThat(call.succeeded()).isTrue();
    }

    @Test
    void linesOfOtherShapesAreSkipped() {
        assertThat(lines.accept("3586  --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED} ---")).isEmpty();
        assertThat(lines.accept("25591 +++ superseded by execve in pid 25592 +++")).isEmpty();
        assertThat(lines.accept("garbage")).isEmpty();
        assertThat(lines.accept("12 openat(AT_FDCWD, \"" + hex("/x") + "\"")).isEmpty();
        assertThat(lines.accept("99999999999999999999 openat() = 0")).isEmpty();
        assertThat(lines.accept("12 <... openat resumed>) = 0")).as("nothing pending").isEmpty();
    }

    @Test
    void aSocketsDescriptorAnnotationKeepsItsBrackets() {
        Syscall call = lines.accept("9 getsockname(8<UNIX-STREAM:[61513]>, {sa_family=AF_UNIX}, [110 => 2]) = 0")
                .orElseThrow();
        assertThat(call.args()).containsExactly("8<UNIX-STREAM:[61513]>", "{sa_family=AF_UNIX}", "[110 => 2]");
    }

    @Test
    void hexStringsDecodeToBytesAndAnythingElseIsRefused() {
        assertThat(TraceText.hexBytes("\"\\x2f\\xff\"")).contains("/\u00ff");
        assertThat(TraceText.hexBytes("\"\\x2f\"...")).isEmpty();
        assertThat(TraceText.hexBytes("\"/etc\"")).isEmpty();
        assertThat(TraceText.hexBytes("\\x2")).isEmpty();
        assertThat(StraceLines.annotation("<" + hex("/dev/null") + "<char 1:3>>")).contains("/dev/null");
        assertThat(StraceLines.annotation("<TCP:[1]>")).isEqualTo(Optional.empty());
    }

    @Test
    void namesThatAreNotUtf8AreShownEscaped() {
        assertThat(TraceText.utf8("bad\u00ff\u00fe")).isEmpty();
        assertThat(TraceText.display("bad\u00ff\u00fe")).isEqualTo("bad\\xff\\xfe");
        assertThat(TraceText.display("a\nb")).isEqualTo("a\\x0ab");
        assertThat(TraceText.display(utf8Bytes("é"))).isEqualTo("é");
    }

    @Test
    void controlsInAUtf8NameAreShownNotObeyed() {
        assertThat(TraceText.display(utf8Bytes("/tmp/\u009b31mred\u202Etxt.sh"))).isEqualTo("/tmp/\\x9b31mred\\u{202E}txt.sh");
        assertThat(TraceText.display(utf8Bytes("X\u001b]0;PWNED\u0007 中文"))).isEqualTo("X\\x1b]0;PWNED\\x07 中文");
    }

    /** {@code text}'s UTF-8 bytes as a byte string, as the trace holds a name. */
    private static String utf8Bytes(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }
}
