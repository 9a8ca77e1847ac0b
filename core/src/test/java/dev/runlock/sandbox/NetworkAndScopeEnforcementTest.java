package dev.runlock.sandbox;

import static dev.runlock.sandbox.SandboxProcess.op;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runlock.landlock.Abi;
import dev.runlock.landlock.KernelSupport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TCP rights, the MPTCP guard and both scopes on the real kernel. The restricted run grants one
 * bind port and one connect port; the control run leaves network and scopes unrestricted (with
 * the filesystem restricted, so a sandbox is in force, by Landlock alone: runlock's UNIX socket
 * guard would refuse the abstract socket below ABI 9) and must succeed at every operation.
 */
class NetworkAndScopeEnforcementTest {
    private static final String ABSTRACT_SERVER = """
            import socket, sys
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.bind("\\0" + sys.argv[1])
            s.listen()
            print("ready", flush=True)
            sys.stdin.read()
            """;

    @TempDir
    static Path tmp;
    static KernelSupport kernel;
    static ServerSocket grantedListener;
    static ServerSocket otherListener;
    static Process abstractServer;
    static Map<String, String> restricted;
    static Map<String, String> control;

    @BeforeAll
    static void runSandboxes() throws IOException {
        kernel = SandboxProcess.requireLandlock();
        InetAddress loopback = InetAddress.getLoopbackAddress();
        grantedListener = new ServerSocket(0, 50, loopback);
        otherListener = new ServerSocket(0, 50, loopback);
        int bindGranted = SandboxProcess.freePort();
        int bindOther = SandboxProcess.freePort();
        String abstractName = "runlock-test-" + ProcessHandle.current().pid();
        abstractServer = new ProcessBuilder(SandboxProcess.PYTHON.toString(), "-I", "-c", ABSTRACT_SERVER, abstractName)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader ready = new BufferedReader(new InputStreamReader(abstractServer.getInputStream(), StandardCharsets.UTF_8));
        assertThat(ready.readLine()).isEqualTo("ready");

        List<String> ops = SandboxProcess.python(List.of(
                op("bind+", "tcp-bind", bindGranted),
                op("bind-", "tcp-bind", bindOther),
                op("connect+", "tcp-connect", grantedListener.getLocalPort()),
                op("connect-", "tcp-connect", otherListener.getLocalPort()),
                op("mptcp", "mptcp-socket"),
                op("signal", "kill", ProcessHandle.current().pid()),
                op("abstract", "abstract-connect", abstractName)));
        restricted = SandboxProcess.sandboxed(List.of("unrestricted=fs", "bind-tcp=" + bindGranted,
                "connect-tcp=" + grantedListener.getLocalPort()), ops, tmp).values();
        control = SandboxProcess.sandboxed(List.of("rox=/usr", "ro=/etc", "unrestricted=net", "unrestricted=scopes", "guards=off"),
                ops, tmp).values();
    }

    @AfterAll
    static void stopServers() throws IOException, InterruptedException {
        if (abstractServer != null) {
            abstractServer.getOutputStream().close();
            if (!abstractServer.waitFor(10, TimeUnit.SECONDS)) {
                abstractServer.destroyForcibly();
            }
        }
        for (ServerSocket s : new ServerSocket[] {grantedListener, otherListener}) {
            if (s != null) {
                s.close();
            }
        }
    }

    @Test
    void controlRunIsSandboxedButLeavesNetworkAndScopesAlone() {
        assertThat(control).containsEntry("enforcement", "PARTIALLY_ENFORCED")
                .containsEntry("bind+", "OK").containsEntry("bind-", "OK")
                .containsEntry("connect+", "OK").containsEntry("connect-", "OK")
                .containsEntry("mptcp", "OK")
                .containsEntry("signal", "OK")
                .containsEntry("abstract", "OK");
    }

    @Test
    void tcpBindOnlyOnGrantedPorts() {
        SandboxProcess.requireAbi(kernel, Abi.V4, "BIND_TCP");
        assertThat(restricted).containsEntry("bind+", "OK").containsEntry("bind-", "EACCES");
    }

    @Test
    void tcpConnectOnlyToGrantedPorts() {
        SandboxProcess.requireAbi(kernel, Abi.V4, "CONNECT_TCP");
        assertThat(restricted).containsEntry("connect+", "OK").containsEntry("connect-", "EACCES");
    }

    @Test
    void mptcpSocketsAreRefusedWhenTcpIsRestricted() {
        SandboxProcess.requireMptcpGuard(kernel);
        assertThat(restricted).containsEntry("mptcp", "EPROTONOSUPPORT");
    }

    @Test
    void signalScopeBlocksSignalsToProcessesOutsideTheSandbox() {
        SandboxProcess.requireAbi(kernel, Abi.V6, "SCOPE_SIGNAL");
        assertThat(restricted).containsEntry("signal", "EPERM");
    }

    @Test
    void abstractUnixScopeBlocksSocketsCreatedOutsideTheSandbox() {
        SandboxProcess.requireAbi(kernel, Abi.V6, "SCOPE_ABSTRACT_UNIX_SOCKET");
        assertThat(restricted).containsEntry("abstract", "EPERM");
    }

    @Test
    void udpBindAndSendOnlyOnGrantedPorts() throws IOException {
        SandboxProcess.requireAbi(kernel, Abi.V10, "UDP (BIND_UDP, CONNECT_SEND_UDP)");
        int granted = SandboxProcess.freePort();
        int other = SandboxProcess.freePort();
        // Port 0 covers the automatic bind of an unbound socket's first sendto.
        Map<String, String> udp = SandboxProcess.sandboxed(List.of("unrestricted=fs", "unrestricted=scopes",
                "bind-udp=0", "bind-udp=" + granted, "connect-udp=" + granted), SandboxProcess.python(List.of(
                op("bind+", "udp-bind", granted),
                op("bind-", "udp-bind", other),
                op("send+", "udp-send", granted),
                op("send-", "udp-send", other))), tmp).values();

        assertThat(udp).containsEntry("bind+", "OK").containsEntry("bind-", "EACCES")
                .containsEntry("send+", "OK").containsEntry("send-", "EACCES");
    }
}
