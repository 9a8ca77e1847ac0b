package dev.runlock.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.runlock.landlock.Abi;
import dev.runlock.landlock.Erratum;
import dev.runlock.landlock.KernelSupport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MPTCP guard on the i386 ABI, probed by a 32-bit static program compiled here
 * ({@code socketcall.c}): {@code socketcall(SYS_SOCKET)} hides its protocol from seccomp. The
 * restricted run grants one bind port; the control run leaves the network unrestricted and must
 * create an MPTCP socket through socketcall and bind the other port with it.
 */
class SocketcallEnforcementTest {
    @TempDir
    static Path tmp;
    static Map<String, String> restricted;
    static Map<String, String> control;

    @BeforeAll
    static void runProbes() throws IOException {
        KernelSupport kernel = SandboxProcess.requireLandlock();
        SandboxProcess.requireAbi(kernel, Abi.V4, "the MPTCP guard");
        assumeTrue(kernel.has(Erratum.TCP_SOCKET_IDENTIFICATION),
                "without Landlock erratum 1 the kernel's TCP rights cover MPTCP and runlock adds no guard");
        Path probe = SandboxProcess.compile("socketcall.c", tmp, "-m32", "-static");
        int granted = SandboxProcess.freePort();
        int other = SandboxProcess.freePort();
        List<String> command = List.of(probe.toString(), String.valueOf(granted), String.valueOf(other));
        restricted = SandboxProcess.sandboxed(List.of("unrestricted=fs", "bind-tcp=" + granted), command, tmp)
                .values();
        control = SandboxProcess.sandboxed(List.of("rox=" + tmp, "unrestricted=net"), command, tmp).values();
    }

    @Test
    void controlRunCreatesAnMptcpSocketThroughSocketcallAndBindsAnyPort() {
        assertThat(control).containsEntry("enforcement", "PARTIALLY_ENFORCED")
                .containsEntry("socketcall-mptcp", "OK").containsEntry("socketcall-mptcp-bind-", "OK")
                .containsEntry("socket-mptcp", "OK")
                .containsEntry("bind+", "OK").containsEntry("bind-", "OK");
    }

    @Test
    void socketcallSocketFailsWithEnosysWhileTcpIsRestricted() {
        assertThat(restricted).containsEntry("socketcall-mptcp", "ENOSYS")
                .doesNotContainKey("socketcall-mptcp-bind-")
                .containsEntry("socket-mptcp", "EPROTONOSUPPORT");
    }

    @Test
    void otherSocketcallCallsStillPassAndLandlockDecides() {
        assertThat(restricted).containsEntry("bind+", "OK").containsEntry("bind-", "EACCES");
    }
}
