package dev.runlock.sandbox;

import static dev.runlock.sandbox.SandboxProcess.op;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pathname UNIX sockets below ABI 9 on the real kernel, every run pinned to ABI 8 so that the
 * kernel's RESOLVE_UNIX (if it has it) stays out: a socket this test listens on, outside the
 * sandbox and not granted, is what a D-Bus session bus or an ssh-agent would be. With Landlock
 * alone a sandboxed command connects to it; runlock's guard refuses {@code socket(AF_UNIX)}, while
 * {@code socketpair} still works. Controls: a granted {@code --unix} path turns the guard off (and
 * then every pathname socket is reachable), and so does an unrestricted filesystem.
 */
class UnixSocketEnforcementTest {
    @TempDir
    static Path tmp;
    static ServerSocketChannel listener;
    static Path socket;

    @BeforeAll
    static void listen() throws IOException {
        SandboxProcess.requireLandlock();
        socket = Files.createDirectories(tmp.resolve("outside")).resolve("bus");
        listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        listener.bind(UnixDomainSocketAddress.of(socket), 50);
    }

    @AfterAll
    static void close() throws IOException {
        if (listener != null) {
            listener.close();
        }
    }

    @Test
    void landlockAloneBelowAbi9LetsTheCommandConnectToAnySocketItCanName() {
        Map<String, String> alone = run("guards=off");

        assertThat(alone).containsEntry("unix-sockets", "BLOCKED_BY_SECCOMP").containsEntry("connect", "OK");
    }

    @Test
    void theGuardRefusesUnixSocketsWithEaccesAndKeepsSocketpair() {
        Map<String, String> guarded = run();

        assertThat(guarded).containsEntry("unix-sockets", "BLOCKED_BY_SECCOMP")
                .containsEntry("connect", "EACCES").containsEntry("socketpair", "OK");
    }

    @Test
    void aGrantedUnixPathTurnsTheGuardOffAndOpensEveryPathnameSocket() throws IOException {
        Path granted = Files.createDirectories(tmp.resolve("granted"));

        Map<String, String> withGrant = run("unix=" + granted);

        assertThat(withGrant).containsEntry("unix-sockets", "OPEN_FOR_GRANT").containsEntry("connect", "OK");
    }

    @Test
    void anUnrestrictedFilesystemNeedsNoGuard() {
        Map<String, String> unrestricted = run("unrestricted=fs");

        assertThat(unrestricted).containsEntry("unix-sockets", "NOT_RESTRICTED").containsEntry("connect", "OK");
    }

    private static Map<String, String> run(String... settings) {
        List<String> all = new ArrayList<>(List.of("abi=8", "rox=/usr", "ro=/etc"));
        all.addAll(List.of(settings));
        return SandboxProcess.sandboxed(all, SandboxProcess.python(List.of(op("connect", "unix-connect", socket),
                op("socketpair", "unix-socketpair"))), tmp).values();
    }
}
