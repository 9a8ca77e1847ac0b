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
 * The MPTCP guard against io_uring, probed by {@code uring.c} compiled here (static): an
 * {@code IORING_OP_SOCKET} request hides its protocol from seccomp. The restricted run grants
 * one bind port; the control run leaves the network unrestricted and must create an MPTCP
 * socket through io_uring and bind the other port with it.
 */
class IoUringEnforcementTest {
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
        Path probe = SandboxProcess.compile("uring.c", tmp, "-static");
        int granted = SandboxProcess.freePort();
        List<String> command = List.of(probe.toString(), String.valueOf(SandboxProcess.freePort()));
        control = SandboxProcess.sandboxed(List.of("rox=" + tmp, "unrestricted=net"), command, tmp).values();
        assumeTrue("OK".equals(control.get("uring-setup")) && "OK".equals(control.get("uring-mptcp")),
                () -> "io_uring cannot create sockets here (disabled, or a kernel before 5.19): " + control);
        restricted = SandboxProcess.sandboxed(List.of("unrestricted=fs", "bind-tcp=" + granted), command, tmp)
                .values();
    }

    @Test
    void controlRunCreatesAnMptcpSocketThroughIoUringAndBindsAnyPort() {
        assertThat(control).containsEntry("enforcement", "PARTIALLY_ENFORCED")
                .containsEntry("uring-mptcp-bind", "OK");
    }

    @Test
    void ioUringSetupFailsWithEnosysWhileTcpIsRestricted() {
        assertThat(restricted).containsEntry("enforcement", "PARTIALLY_ENFORCED")
                .containsEntry("uring-setup", "ENOSYS")
                .doesNotContainKey("uring-mptcp");
    }
}
