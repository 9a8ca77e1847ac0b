package dev.runlock.conformance;

import com.sun.net.httpserver.HttpServer;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.awaitility.Awaitility;

/**
 * landrun's test_env, created afresh for each case in its own directory, which is also the
 * working directory of the run (test.sh uses paths relative to it). Also owns whatever a case
 * starts outside the sandbox: listeners and processes, stopped on close.
 */
public final class Fixture implements AutoCloseable {
    public static final String TEST_DIR = "test_env";
    public static final String RO = TEST_DIR + "/ro";
    public static final String RO_NESTED_RO = RO + "/ro_nested_ro_1";
    public static final String RO_NESTED_RW = RO + "/ro_nested_rw_1";
    public static final String RO_NESTED_EXEC = RO + "/ro_nested_exec";
    public static final String RW = TEST_DIR + "/rw";
    public static final String RW_NESTED_RO = RW + "/rw_nested_ro_1";
    public static final String RW_NESTED_RW = RW + "/rw_nested_rw_1";
    public static final String RW_NESTED_EXEC = RW + "/rw_nested_exec";
    public static final String EXEC = TEST_DIR + "/exec";
    public static final String NESTED = TEST_DIR + "/nested/path/deep";

    private static final String SCRIPT = "#!/bin/bash\necho 'executable content'\n";
    private static final String RW_SCRIPT = "#!/bin/bash\necho 'this script is in a read-write directory'\n";

    private final Path root;
    private final Deque<Closeable> owned = new ArrayDeque<>();
    private int[] ports;
    private Process spawned;
    private Set<String> tmpBefore = Set.of();

    private Fixture(Path root) {
        this.root = root;
    }

    /** Creates test.sh's tree under a new directory. */
    public static Fixture create() throws IOException {
        Fixture fixture = new Fixture(Files.createTempDirectory("runlock-conformance-"));
        fixture.populate();
        return fixture;
    }

    private void populate() throws IOException {
        for (String dir : List.of(RO, RW, EXEC, NESTED, RO_NESTED_RO, RO_NESTED_RW, RO_NESTED_EXEC, RW_NESTED_RO,
                RW_NESTED_RW, RW_NESTED_EXEC)) {
            Files.createDirectories(path(dir));
        }
        write(RO + "/test.txt", "readonly content\n", false);
        write(RW + "/test.txt", "readwrite content\n", false);
        write(NESTED + "/test.txt", "nested content\n", false);
        for (String script : List.of(EXEC + "/test.sh", EXEC + "/test2.sh", RO_NESTED_EXEC + "/test.sh",
                RW_NESTED_EXEC + "/test.sh", RO_NESTED_RO + "/test.sh", RW_NESTED_RO + "/test.sh",
                RO_NESTED_RW + "/test.sh", RW_NESTED_RW + "/test.sh")) {
            write(script, SCRIPT, true);
        }
        write(RO_NESTED_RO + "/test.txt", "readonly content\n", false);
        write(RW_NESTED_RO + "/test.txt", "readonly content\n", false);
        write(RO_NESTED_RW + "/test.txt", "readwrite content\n", false);
        write(RW_NESTED_RW + "/test.txt", "readwrite content\n", false);
        write(RW + "/rw_script.sh", RW_SCRIPT, true);
        write(RW + "/rwx_file.sh", RW_SCRIPT, true);
    }

    /** Writes a file relative to the fixture root (executable or 0644). */
    public Path write(String relative, String content, boolean executable) {
        try {
            Path file = path(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path root() {
        return root;
    }

    public Path path(String relative) {
        return root.resolve(relative);
    }

    /** test.sh's BIND_PORT: free when the case starts (test.sh hard-codes 18765). */
    public int port() {
        return freePorts()[0];
    }

    /** test.sh's BIND_PORT_OTHER: free and closed (test.sh hard-codes 18766). */
    public int otherPort() {
        return freePorts()[1];
    }

    private int[] freePorts() {
        if (ports == null) {
            // Two consecutive free ports, so that a range "port-otherPort" holds exactly these two.
            for (int attempt = 0; attempt < 50 && ports == null; attempt++) {
                int first = ephemeral();
                if (first < 65535 && free(first + 1)) {
                    ports = new int[] {first, first + 1};
                }
            }
            if (ports == null) {
                throw new IllegalStateException("no two consecutive free TCP ports on 127.0.0.1");
            }
        }
        return ports;
    }

    private static int ephemeral() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return socket.isBound();
        } catch (IOException e) {
            return false;
        }
    }

    /** Listens on 127.0.0.1:port outside the sandbox, accepting and closing every connection. */
    public int listen(int port) {
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            owned.push(server);
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try {
                        server.accept().close();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            return port;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Listens on a pathname unix socket at {@code relative} outside the sandbox; returns its absolute path. */
    public String unixListener(String relative) {
        Path socket = path(relative);
        spawn(Probes.PYTHON, "-c", unixListenerScript("'" + socket + "'"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(socket));
        return socket.toString();
    }

    /** Listens on an abstract unix socket outside the sandbox; returns its name (without the NUL). */
    public String abstractListener() {
        String name = "runlock-conformance-" + ProcessHandle.current().pid() + "-" + root.getFileName();
        spawn(Probes.PYTHON, "-c", unixListenerScript("'\\0" + name + "'"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(Path.of("/proc/net/unix"))
                .contains("@" + name));
        return name;
    }

    private static String unixListenerScript(String address) {
        return """
                import socket
                s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                s.bind(%s)
                s.listen(8)
                while True:
                    c, _ = s.accept()
                    c.close()
                """.formatted(address);
    }

    /** Serves "ok" over HTTP on 127.0.0.1 (the offline stand-in for example.com); returns the port. */
    public int http() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port()), 4);
            server.createContext("/", exchange -> {
                byte[] body = "ok\n".getBytes(StandardCharsets.US_ASCII);
                exchange.sendResponseHeaders(200, body.length);
                try (var out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            owned.push(() -> server.stop(0));
            return server.getAddress().getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a process outside the sandbox (stopped on close); output discarded. */
    public Process spawn(String... command) {
        try {
            Process process = new ProcessBuilder(command).directory(root.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            spawned = process;
            owned.push(() -> stop(process));
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void stop(Process process) {
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The process last started with {@link #spawn}. */
    public Process spawned() {
        return spawned;
    }

    /** Remembers what /tmp holds now, for {@link #newInTmp}. */
    public void snapshotTmp() {
        tmpBefore = listTmp();
    }

    /**
     * Entries of /tmp that appeared since {@link #snapshotTmp}, of those the harness's user owns:
     * what runlock leaves is the user's, and other users' runs at the same time are not counted.
     */
    public Set<String> newInTmp() {
        Set<String> now = new TreeSet<>(listTmp());
        now.removeAll(tmpBefore);
        return now;
    }

    private static Set<String> listTmp() {
        String user = System.getProperty("user.name");
        try (Stream<Path> entries = Files.list(Path.of("/tmp"))) {
            return entries.filter(p -> ownedBy(p, user)).map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean ownedBy(Path path, String user) {
        try {
            return Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName().equals(user);
        } catch (IOException e) {
            return false; // gone already: not left behind
        }
    }

    @Override
    public void close() throws IOException {
        while (!owned.isEmpty()) {
            owned.pop().close();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
