package dev.runlock.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.runlock.testkit.MachineCapability;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MPTCP guard where a socket's protocol or a send's flags are out of seccomp's reach, probed
 * by static C programs compiled here: i386 {@code socketcall(SYS_SOCKET)} and
 * {@code socketcall(SYS_SENDTO, MSG_FASTOPEN)} ({@code socketcall.c}) and an io_uring
 * {@code IORING_OP_SOCKET} request ({@code uring.c}). Each probe runs twice: with TCP restricted
 * to binding one granted port, and, as the control, with the network unrestricted, where it must
 * create an MPTCP socket and bind the other port with it, or reach a listener it was not granted.
 */
class OpaqueSocketEnforcementTest {
    @TempDir
    static Path tmp;
    static int granted;
    static int other;
    static ServerSocket listener;

    @BeforeAll
    static void requireGuard() throws IOException {
        SandboxProcess.requireMptcpGuard(SandboxProcess.requireLandlock());
        granted = SandboxProcess.freePort();
        other = SandboxProcess.freePort();
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    @AfterAll
    static void closeListener() throws IOException {
        if (listener != null) {
            listener.close();
        }
    }

    @Test
    void i386SocketcallSocketAndSendFailWithEnosysWhileTcpIsRestricted() throws IOException {
        Path probe = SandboxProcess.compile("socketcall.c", tmp, "-m32", "-static");

        Map<String, String> control = unrestricted(probe, granted, other, listener.getLocalPort());
        Map<String, String> restricted = tcpRestricted(probe, granted, other, listener.getLocalPort());

        assertThat(control).containsEntry("socketcall-mptcp", "OK").containsEntry("socketcall-mptcp-bind-", "OK")
                .containsEntry("socket-mptcp", "OK")
                .containsEntry("bind+", "OK").containsEntry("bind-", "OK")
                .containsEntry("socketcall-fastopen-", "OK");
        assertThat(restricted).containsEntry("socketcall-mptcp", "ENOSYS")
                .doesNotContainKey("socketcall-mptcp-bind-")
                .containsEntry("socket-mptcp", "EPROTONOSUPPORT")
                .containsEntry("socketcall-fastopen-", "ENOSYS")
                // Other socketcall calls pass, and Landlock decides.
                .containsEntry("bind+", "OK").containsEntry("bind-", "EACCES");
    }

    @Test
    void ioUringSetupFailsWithEnosysWhileTcpIsRestricted() throws IOException {
        Path probe = SandboxProcess.compile("uring.c", tmp, "-static");

        Map<String, String> control = unrestricted(probe, other);
        assumeTrue("OK".equals(control.get("uring-mptcp")), () -> MachineCapability.skipMessage("io_uring sockets",
                "not available on this kernel", "disabled, or a kernel before 5.19: " + control,
                "no io_uring request can create a socket here, so that attack cannot happen on this kernel"));
        Map<String, String> restricted = tcpRestricted(probe, other);

        assertThat(control).containsEntry("uring-mptcp-bind", "OK");
        assertThat(restricted).containsEntry("uring-setup", "ENOSYS").doesNotContainKey("uring-mptcp");
    }

    private static Map<String, String> tcpRestricted(Path probe, int... ports) {
        return run(List.of("unrestricted=fs", "bind-tcp=" + granted), probe, ports);
    }

    private static Map<String, String> unrestricted(Path probe, int... ports) {
        Map<String, String> values = run(List.of("rox=" + tmp, "unrestricted=net"), probe, ports);
        assertThat(values).as("the control run is sandboxed").containsEntry("enforcement", "PARTIALLY_ENFORCED");
        return values;
    }

    private static Map<String, String> run(List<String> settings, Path probe, int... ports) {
        List<String> command = Stream.concat(Stream.of(probe.toString()), IntStream.of(ports).mapToObj(String::valueOf))
                .toList();
        return SandboxProcess.sandboxed(settings, command, tmp).values();
    }
}
