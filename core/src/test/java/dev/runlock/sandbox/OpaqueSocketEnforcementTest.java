package dev.runlock.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.runlock.testkit.MachineCapability;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MPTCP guard where a socket's protocol is out of seccomp's reach, probed by static C programs
 * compiled here: i386 {@code socketcall(SYS_SOCKET)} ({@code socketcall.c}) and an io_uring
 * {@code IORING_OP_SOCKET} request ({@code uring.c}). Each probe runs twice with TCP restricted to
 * binding one granted port: by Landlock alone, the control, where it must create an MPTCP socket
 * and bind the port it was not granted with it (the gap), and as runlock sandboxes.
 */
class OpaqueSocketEnforcementTest {
    @TempDir
    static Path tmp;
    static int granted;
    static int other;

    @BeforeAll
    static void requireGuard() throws IOException {
        SandboxProcess.requireMptcpGuard(SandboxProcess.requireLandlock());
        granted = SandboxProcess.freePort();
        other = SandboxProcess.freePort();
    }

    @Test
    void i386SocketcallSocketFailsWithEnosysWhileTcpIsRestricted() throws IOException {
        Path probe = SandboxProcess.compile("socketcall.c", tmp, "-m32", "-static");

        Map<String, String> alone = landlockAlone(probe, granted, other);
        Map<String, String> guarded = guarded(probe, granted, other);

        assertThat(alone).containsEntry("socketcall-mptcp", "OK").containsEntry("socketcall-mptcp-bind-", "OK")
                .containsEntry("socket-mptcp", "OK")
                .containsEntry("bind+", "OK").containsEntry("bind-", "EACCES");
        assertThat(guarded).containsEntry("socketcall-mptcp", "ENOSYS")
                .doesNotContainKey("socketcall-mptcp-bind-")
                .containsEntry("socket-mptcp", "EPROTONOSUPPORT")
                // Other socketcall calls pass, and Landlock decides.
                .containsEntry("bind+", "OK").containsEntry("bind-", "EACCES");
    }

    @Test
    void ioUringSetupFailsWithEnosysWhileTcpIsRestricted() throws IOException {
        Path probe = SandboxProcess.compile("uring.c", tmp, "-static");

        Map<String, String> alone = landlockAlone(probe, other);
        assumeTrue("OK".equals(alone.get("uring-mptcp")), () -> MachineCapability.skipMessage("io_uring sockets",
                "not available on this kernel", "disabled, or a kernel before 5.19: " + alone,
                "no io_uring request can create a socket here, so that attack cannot happen on this kernel"));
        Map<String, String> guarded = guarded(probe, other);

        assertThat(alone).containsEntry("uring-mptcp-bind", "OK");
        assertThat(guarded).containsEntry("uring-setup", "ENOSYS").doesNotContainKey("uring-mptcp");
    }

    private static Map<String, String> guarded(Path probe, int... ports) {
        return run(List.of("unrestricted=fs", "bind-tcp=" + granted), probe, ports);
    }

    private static Map<String, String> landlockAlone(Path probe, int... ports) {
        return run(List.of("unrestricted=fs", "bind-tcp=" + granted, "guards=off"), probe, ports);
    }

    private static Map<String, String> run(List<String> settings, Path probe, int... ports) {
        List<String> command = Stream.concat(Stream.of(probe.toString()), IntStream.of(ports).mapToObj(String::valueOf))
                .toList();
        return SandboxProcess.sandboxed(settings, command, tmp).values();
    }
}
