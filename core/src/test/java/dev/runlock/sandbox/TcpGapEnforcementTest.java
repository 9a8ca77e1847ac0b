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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The ways around Landlock's TCP rights that runlock's seccomp filter closes, probed by the static
 * C program {@code tcpgaps.c}, built native and i386: MPTCP, SCTP and SMC sockets; and TCP Fast
 * Open sends, which Landlock checks itself. Each build runs with TCP restricted to one granted
 * connect port, once by Landlock alone (the control: a way that reaches the port it does not grant
 * there is a gap of Landlock's) and once as runlock sandboxes. A way the host kernel lacks skips
 * its test, naming it: its guard is unproven here.
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

    /** What one build printed by Landlock alone and under runlock's guards. */
    record Runs(Map<String, String> alone, Map<String, String> guarded) {
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
    void fastOpenSendsNeedTheConnectRightUnderLandlockAlone(Build build) {
        Runs runs = runs(build);
        assumeTrue("OK".equals(runs.alone().get("fastopen-sendto+")),
                () -> MachineCapability.skipMessage("TCP Fast Open clients", "off on this machine",
                        "net.ipv4.tcp_fastopen", "no Fast Open send can be made here, so Landlock's check of it is unproven"));

        for (Map<String, String> run : List.of(runs.alone(), runs.guarded())) {
            assertThat(run).containsEntry("connect-", "EACCES").containsEntry("fastopen-sendto+", "OK")
                    .containsEntry("fastopen-sendto-", "EACCES").containsEntry("fastopen-sendmsg-", "EACCES")
                    .containsEntry("fastopen-sendmmsg-", "EACCES")
                    .containsEntry("connect+", "OK").containsEntry("send+", "OK");
        }
    }

    @ParameterizedTest
    @EnumSource(Build.class)
    void mptcpSocketsEscapeLandlockAloneAndFailWithEprotonosupportUnderTheGuard(Build build) {
        Runs runs = runs(build);
        assumeTrue("OK".equals(runs.alone().get("mptcp")),
                () -> MachineCapability.skipMessage("MPTCP", "not available on this kernel", "CONFIG_MPTCP, net.mptcp.enabled",
                        "no MPTCP socket can be made here, so the MPTCP guard is unproven"));

        assertThat(runs.alone()).containsEntry("connect-", "EACCES").containsEntry("mptcp-connect-", "OK");
        assertThat(runs.guarded()).containsEntry("mptcp", "EPROTONOSUPPORT").containsEntry("connect+", "OK");
    }

    @ParameterizedTest
    @EnumSource(Build.class)
    void sctpSocketsEscapeLandlockAloneAndFailWithEprotonosupportUnderTheGuard(Build build) {
        Runs runs = runs(build);
        assumeTrue("OK".equals(runs.alone().get("sctp-stream")),
                () -> MachineCapability.skipMessage("SCTP", "not available on this kernel", "CONFIG_IP_SCTP, module sctp",
                        "no SCTP socket can be made here, so the SCTP guard is unproven"));

        assertThat(runs.alone()).containsEntry("sctp-stream-bind-", "OK")
                .containsEntry("sctp-seqpacket", "OK").containsEntry("sctp-seqpacket-bind-", "OK");
        assertThat(runs.guarded()).containsEntry("sctp-stream", "EPROTONOSUPPORT")
                .containsEntry("sctp-seqpacket", "EPROTONOSUPPORT")
                .containsEntry("connect+", "OK");
    }

    @ParameterizedTest
    @EnumSource(Build.class)
    void smcSocketsEscapeLandlockAloneAndFailUnderTheGuard(Build build) {
        Runs runs = runs(build);
        assumeTrue("OK".equals(runs.alone().get("smc")),
                () -> MachineCapability.skipMessage("SMC", "not available on this kernel", "CONFIG_SMC, module smc",
                        "no SMC socket can be made here, so the SMC guard is unproven"));

        // SMC falls back to TCP with a peer that does not speak SMC, such as the listener here.
        assertThat(runs.alone()).containsEntry("smc-connect-", "OK");
        assertThat(runs.guarded()).containsEntry("smc", "EAFNOSUPPORT")
                .containsEntry("connect+", "OK");
        if ("OK".equals(runs.alone().get("smc-inet"))) {
            assertThat(runs.guarded()).containsEntry("smc-inet", "EPROTONOSUPPORT");
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
            List<String> policy = List.of("unrestricted=fs", "connect-tcp=" + granted.getLocalPort());
            Map<String, String> alone = SandboxProcess.sandboxed(Stream.concat(policy.stream(), Stream.of("guards=off"))
                    .toList(), command, tmp).values();
            return new Runs(alone, SandboxProcess.sandboxed(policy, command, tmp).values());
        });
    }
}
