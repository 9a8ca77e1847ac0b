package dev.runlock.sandbox;

import static dev.runlock.sandbox.SandboxProcess.op;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runlock.landlock.Abi;
import dev.runlock.landlock.KernelSupport;
import dev.runlock.testkit.MachineCapability;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every filesystem right on the real kernel: one sandboxed run tries each operation where it is
 * granted and where it is not (we are root, so each denial can only come from Landlock), a
 * second run pins ABI 1 to show what a kernel without REFER, TRUNCATE and IOCTL_DEV does.
 */
class FilesystemEnforcementTest {
    private static final List<String> MAKE_KINDS = List.of("mkchar", "mkdir", "mkreg", "mksock", "mkfifo", "mkblock",
            "symlink");

    @TempDir
    static Path tmp;
    static KernelSupport kernel;
    static SandboxProcess.Result full;
    static Map<String, String> ops;
    static Map<String, String> pinned;

    @BeforeAll
    static void runSandboxes() throws IOException {
        kernel = SandboxProcess.requireLandlock();
        Tree t = new Tree(tmp.resolve("full"));
        List<String> list = new ArrayList<>(List.of(
                op("read+", "read", t.ro.resolve("f")),
                op("read-", "read", t.none.resolve("f")),
                op("write+", "write", t.rw.resolve("f")),
                op("write-", "write", t.ro.resolve("f")),
                op("exec+", "exec", t.rox.resolve("true")),
                op("exec-", "exec", t.ro.resolve("true")),
                op("readdir+", "readdir", t.ro),
                op("readdir-", "readdir", t.none),
                op("rmdir+", "rmdir", t.rw.resolve("victimdir")),
                op("rmdir-", "rmdir", t.ro.resolve("victimdir")),
                op("unlink+", "unlink", t.rw.resolve("victim")),
                op("unlink-", "unlink", t.ro.resolve("victim")),
                op("refer+", "rename", t.rw.resolve("moveme"), t.rw2.resolve("moveme")),
                op("refer-to-ro", "rename", t.rw.resolve("moveme2"), t.ro.resolve("moveme2")),
                op("truncate+", "truncate", t.rw.resolve("f")),
                op("truncate-", "truncate", t.ro.resolve("f")),
                op("ioctl+", "ioctl", "/dev/zero"),
                op("ioctl-", "ioctl", "/dev/null")));
        for (String kind : MAKE_KINDS) {
            list.add(op(kind + "+", kind, t.rw.resolve("new-" + kind)));
            list.add(op(kind + "-", kind, t.ro.resolve("new-" + kind)));
        }
        List<String> grants = List.of("ro=" + t.ro, "rox=" + t.rox, "rw=" + t.rw, "rw=" + t.rw2, "rox=/usr", "ro=/etc",
                "ro=/dev/null", "rw=/dev/zero", "unrestricted=net", "unrestricted=scopes");
        full = SandboxProcess.sandboxed(grants, SandboxProcess.python(list), tmp);
        ops = full.values();

        Tree p = new Tree(tmp.resolve("pinned"));
        pinned = SandboxProcess.sandboxed(List.of("abi=1", "ro=" + p.ro, "rw=" + p.rw, "rw=" + p.rw2, "rox=/usr",
                "ro=/etc", "ro=/dev/null", "unrestricted=net", "unrestricted=scopes"), SandboxProcess.python(List.of(
                op("refer", "rename", p.rw.resolve("moveme"), p.rw2.resolve("moveme")),
                op("same-dir-rename", "rename", p.rw.resolve("moveme2"), p.rw.resolve("moved")),
                op("read-", "read", p.none.resolve("f")),
                op("truncate", "truncate", p.ro.resolve("f")),
                op("ioctl", "ioctl", "/dev/null"))), tmp).values();
    }

    @Test
    void sandboxIsPartialOnThisKernelOnlyForRightsItLacks() {
        assertThat(ops.get("enforcement")).isEqualTo(kernel.abi().atLeast(Abi.V10) ? "FULLY_ENFORCED" : "PARTIALLY_ENFORCED");
        assertThat(pinned.get("enforcement")).isEqualTo("FULLY_ENFORCED");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"read", "write", "exec", "readdir", "rmdir", "unlink", "mkchar", "mkdir", "mkreg", "mksock",
            "mkfifo", "mkblock", "symlink"})
    void abi1RightIsDeniedWhereNotGrantedAndAllowedWhereGranted(String operation) {
        if (operation.equals("mkchar") || operation.equals("mkblock")) {
            MachineCapability.ROOT.assume("making device nodes needs CAP_MKNOD: " + operation + " is not tested");
        }
        assertThat(ops).containsEntry(operation + "+", "OK").containsEntry(operation + "-", "EACCES");
    }

    @Test
    void referAllowsCrossDirectoryRenameOnlyWithinWritableTrees() {
        SandboxProcess.requireAbi(kernel, Abi.V2, "REFER");
        assertThat(ops).containsEntry("refer+", "OK");
        // MAKE_REG is missing in the read-only tree: EACCES takes precedence over EXDEV.
        assertThat(ops).containsEntry("refer-to-ro", "EACCES");
    }

    @Test
    void withoutReferCrossDirectoryRenameFailsWithExdevAndTheSandboxStays() {
        assertThat(pinned).containsEntry("refer", "EXDEV")
                .containsEntry("same-dir-rename", "OK")
                .containsEntry("read-", "EACCES");
    }

    @Test
    void truncateIsDeniedWhereNotGranted() {
        SandboxProcess.requireAbi(kernel, Abi.V3, "TRUNCATE");
        assertThat(ops).containsEntry("truncate+", "OK").containsEntry("truncate-", "EACCES");
        assertThat(pinned).as("ABI 1 pin leaves truncate unhandled").containsEntry("truncate", "OK");
    }

    @Test
    void deviceIoctlIsDeniedWhereNotGranted() {
        SandboxProcess.requireAbi(kernel, Abi.V5, "IOCTL_DEV");
        // ENOTTY comes from the driver: Landlock let the ioctl through.
        assertThat(ops).containsEntry("ioctl+", "ENOTTY").containsEntry("ioctl-", "EACCES");
        assertThat(pinned).as("ABI 1 pin leaves ioctl unhandled").containsEntry("ioctl", "ENOTTY");
    }

    @Test
    void pathnameUnixSocketConnectNeedsResolveUnix() throws IOException {
        SandboxProcess.requireAbi(kernel, Abi.V9, "RESOLVE_UNIX");
        Path granted = Files.createDirectories(tmp.resolve("unix/granted"));
        Path other = Files.createDirectories(tmp.resolve("unix/other"));
        try (ServerSocketChannel a = listen(granted.resolve("s")); ServerSocketChannel b = listen(other.resolve("s"))) {
            assertThat(a.isOpen() && b.isOpen()).isTrue();
            Map<String, String> unix = SandboxProcess.sandboxed(List.of("unix=" + granted, "ro=" + other, "rox=/usr",
                    "ro=/etc", "unrestricted=net", "unrestricted=scopes"), SandboxProcess.python(List.of(
                    op("connect+", "unix-connect", granted.resolve("s")),
                    op("connect-", "unix-connect", other.resolve("s")))), tmp).values();

            assertThat(unix).containsEntry("connect+", "OK").containsEntry("connect-", "EACCES");
        }
    }

    private static ServerSocketChannel listen(Path path) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        channel.bind(UnixDomainSocketAddress.of(path));
        return channel;
    }

    /** The fixture of one run: a read-only, an exec, two writable and an ungranted directory. */
    private record Tree(Path ro, Path rox, Path rw, Path rw2, Path none) {
        Tree(Path root) throws IOException {
            this(root.resolve("ro"), root.resolve("rox"), root.resolve("rw"), root.resolve("rw2"), root.resolve("none"));
            for (Path dir : List.of(ro, rox, rw, rw2, none)) {
                Files.createDirectories(dir);
                Files.writeString(dir.resolve("f"), "data");
                Files.writeString(dir.resolve("victim"), "data");
                Files.writeString(dir.resolve("moveme"), "data");
                Files.writeString(dir.resolve("moveme2"), "data");
                Files.createDirectories(dir.resolve("victimdir"));
                Path program = Files.copy(Path.of("/usr/bin/true"), dir.resolve("true"), StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }
}
