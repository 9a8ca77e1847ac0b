package dev.runlock.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.runlock.testkit.MachineCapability;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The ways around Landlock's TCP rights besides MPTCP that runlock's seccomp filter closes,
 * probed by the static C program {@code tcpgaps.c}, built native and i386: TCP Fast Open sends,
 * SCTP and SMC sockets. Each build runs with TCP restricted to one granted connect port and, as
 * the control, with the network unrestricted, where each way must reach the port the restricted
 * run does not grant. A way the host kernel lacks skips its test, naming it.
 */
class TcpGapEnforcementTest {
    /** How the probe is built: each reaches its own syscall table. */
    enum Build {
        NATIVE("-static"),
        I386("-m32", "-static");

        final String[] flags;

        Build(String... flags) {
            this.flags = flags;
        }
    }

    /** What one build printed under both policies. */
    record Runs(Map<String, String> control, Map<String, String> restricted) {
    }

    @TempDir
    static Path tmp;
    static ServerSocket granted;
    static ServerSocket other;
    static int unbound;
    static final Map<Build, Runs> RUNS = new EnumMap<>(Build.class);

    @BeforeAll
    static void listen() throws IOException {
        SandboxProcess.requireMptcpGuard(SandboxProcess.requireLandlock());
        InetAddress loopback = InetAddress.getLoopbackAddress();
        granted = new ServerSocket(0, 50, loopback);
        other = new ServerSocket(0, 50, loopback);
        unbound = SandboxProcess.freePort();
    }

    @AfterAll
    static void close() throws IOException {
        for (ServerSocket s : new ServerSocket[] {granted, other}) {
            if (s != null) {
                s.close();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Build.class)
    void fastOpenSendsFailWithEopnotsuppWhileTcpIsRestricted(Build build) {
        Runs runs = runs(build);
        assumeTrue("OK".equals(runs.control().get("fastopen-sendto-")),
                () -> MachineCapability.skipMessage("TCP Fast Open clients", "off on this machine",
                        "net.ipv4.tcp_fastopen", "no Fast Open send can be made here, so that way around TCP rights is closed"));

        assertThat(runs.control()).containsEntry("connect-", "OK")
                .containsEntry("fastopen-sendmsg-", "OK").containsEntry("fastopen-sendmmsg-", "OK");
        assertThat(runs.restricted()).containsEntry("connect-", "EACCES")
                .containsEntry("fastopen-sendto-", "EOPNOTSUPP").containsEntry("fastopen-sendmsg-", "EOPNOTSUPP")
                .containsEntry("fastopen-sendmmsg-", "EOPNOTSUPP")
                // A granted connect and a send with ordinary flags pass.
                .containsEntry("connect+", "OK").containsEntry("send+", "OK");
    }

    @ParameterizedTest
    @EnumSource(Build.class)
    void sctpSocketsFailWithEprotonosupportWhileTcpIsRestricted(Build build) {
        Runs runs = runs(build);
        assumeTrue("OK".equals(runs.control().get("sctp-stream")),
                () -> MachineCapability.skipMessage("SCTP", "not available on this kernel", "CONFIG_IP_SCTP, module sctp",
                        "no SCTP socket can be made here, so that way around TCP rights is closed"));

        assertThat(runs.control()).containsEntry("sctp-stream-bind-", "OK")
                .containsEntry("sctp-seqpacket", "OK").containsEntry("sctp-seqpacket-bind-", "OK");
        assertThat(runs.restricted()).containsEntry("sctp-stream", "EPROTONOSUPPORT")
                .containsEntry("sctp-seqpacket", "EPROTONOSUPPORT")
                .containsEntry("connect+", "OK");
    }

    @ParameterizedTest
    @EnumSource(Build.class)
    void smcSocketsFailWhileTcpIsRestricted(Build build) {
        Runs runs = runs(build);
        assumeTrue("OK".equals(runs.control().get("smc")),
                () -> MachineCapability.skipMessage("SMC", "not available on this kernel", "CONFIG_SMC, module smc",
                        "no SMC socket can be made here, so that way around TCP rights is closed"));

        // SMC falls back to TCP with a peer that does not speak SMC, such as the listener here.
        assertThat(runs.control()).containsEntry("smc-connect-", "OK");
        assertThat(runs.restricted()).containsEntry("smc", "EAFNOSUPPORT")
                .containsEntry("connect+", "OK");
        if ("OK".equals(runs.control().get("smc-inet"))) {
            assertThat(runs.restricted()).containsEntry("smc-inet", "EPROTONOSUPPORT");
        }
    }

    private static synchronized Runs runs(Build build) {
        return RUNS.computeIfAbsent(build, b -> {
            Path probe;
            try {
                probe = SandboxProcess.compile("tcpgaps.c", tmp, b.flags);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<String> command = List.of(probe.toString(), String.valueOf(granted.getLocalPort()),
                    String.valueOf(other.getLocalPort()), String.valueOf(unbound));
            Map<String, String> control = SandboxProcess.sandboxed(List.of("rox=" + tmp, "unrestricted=net"), command, tmp)
                    .values();
            assertThat(control).as("the control run is sandboxed").containsEntry("enforcement", "PARTIALLY_ENFORCED");
            Map<String, String> restricted = SandboxProcess.sandboxed(List.of("unrestricted=fs",
                    "connect-tcp=" + granted.getLocalPort()), command, tmp).values();
            return new Runs(control, restricted);
        });
    }
}
