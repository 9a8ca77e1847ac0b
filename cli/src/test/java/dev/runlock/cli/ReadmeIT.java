package dev.runlock.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README.md's examples, run as written through {@code ./runlock}, so they cannot rot: every
 * {@code runlock} line of its bash blocks, in order, in a scratch git repository with a
 * {@code Makefile} and {@code hello.c}, and its {@code [python3]} sandbox.toml.
 */
class ReadmeIT {
    private static final Path README = Launcher.ROOT.resolve("README.md");
    private static final Pattern BLOCK = Pattern.compile("```(\\w*)\\n(.*?)```", Pattern.DOTALL);
    /** Lines a scratch directory cannot run, each with why; a README line is run unless listed here. */
    private static final Map<String, String> NOT_RUN = Map.of(
            "runlock --rox /usr/ --ro /lib,/lib64 --bind-tcp 8080 --connect-tcp 80 /usr/bin/my-server",
            "landrun's example with a placeholder program",
            "runlock --log-level info --ro /etc -- my-tool        # print the ruleset before running",
            "a placeholder program",
            "runlock learn --env HOME --write ~/.config/runlock.toml -- git log",
            "writes to your home; LearnIT runs learn end to end",
            SelfBuildIT.README_LINE, "SelfBuildIT runs it, in a copy of the repository");

    @TempDir
    Path dir;

    private final List<Process> servers = new ArrayList<>();
    private int port;

    @BeforeAll
    static void quietRuns() {
        Host.assumeQuietRuns();
    }

    @BeforeEach
    void scratchRepository() throws IOException, InterruptedException {
        Files.writeString(dir.resolve("hello.c"), "#include <stdio.h>\nint main(void) { puts(\"hello\"); return 0; }\n");
        Files.writeString(dir.resolve("Makefile"), "hello: hello.c\n\tcc -o hello hello.c\n");
        Files.createDirectories(dir.resolve("path/to/dir"));
        Files.createDirectories(dir.resolve("build"));
        for (String command : List.of("git init -q .", "git add hello.c Makefile",
                "git -c user.name=runlock -c user.email=runlock@localhost commit -qm hello")) {
            Process git = new ProcessBuilder(command.split(" ")).directory(dir.toFile()).inheritIO().start();
            assertThat(git.waitFor()).as(command).isZero();
        }
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
    }

    @AfterEach
    void stopServers() {
        servers.forEach(Process::destroy);
    }

    @Test
    void everyRunlockLineOfTheReadmeRunsAsWritten() throws IOException {
        List<String> lines = commandLines();
        assertThat(lines).as("README lines").contains(SelfBuildIT.README_LINE).hasSizeGreaterThan(10);
        assertThat(lines).as("every line NOT_RUN lists is still in the README").containsAll(NOT_RUN.keySet());
        for (String line : lines) {
            if (NOT_RUN.containsKey(line)) {
                continue;
            }
            String script = line.replaceFirst("^(\\./)?runlock ", "exec \"\\$0\" ")
                    .replace("/path/to/dir", dir.resolve("path/to/dir").toString())
                    .replace("/tmp/build", dir.resolve("build").toString())
                    .replace("8000", Integer.toString(port));
            if (script.endsWith("&")) {
                servers.add(background(script.substring(0, script.length() - 1)));
                await().atMost(Duration.ofSeconds(30)).until(this::listening);
                continue;
            }
            Launcher.Result r = new Launcher(dir).via(script).run();
            assertThat(r.status()).as("%s%nstdout: %s%nstderr: %s", line, r.out(), r.err()).isZero();
            assertThat(r.errLines()).as(line).noneMatch(l -> l.startsWith("runlock: error"));
        }
        assertThat(dir.resolve("hello")).as("make hello built it").isExecutable();
    }

    @Test
    void thePython3SectionRunsPythonWithItsStandardLibraryAndTheProjectWritable() throws IOException {
        String toml = blocks("toml").stream().filter(b -> b.startsWith("[python3]")).findFirst().orElseThrow();
        Files.writeString(dir.resolve("sandbox.toml"), toml);
        Launcher runlock = new Launcher(dir);
        runlock.environment().put("XDG_CONFIG_HOME", dir.resolve("xdg").toString());
        Launcher.Result trusted = runlock.run("trust");
        assertThat(trusted.status()).as("runlock trust, as README's Trust paragraph says: %s", trusted.err()).isZero();
        Launcher.Result r = runlock.run("--", "python3", "-c",
                "import json, email; open('out.txt', 'w').write(json.dumps('ok'))");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(dir.resolve("out.txt")).hasContent("\"ok\"");

        // Writable by anyone and determinable by anyone (unlike a file in /root), granted by no preset.
        Path outsideFile = Path.of("/var/tmp", "runlock-readme-" + dir.getFileName() + ".txt");
        Launcher.Result outside = runlock.run("--", "python3", "-c", "open('" + outsideFile + "', 'w')");
        assertThat(outside.status()).isEqualTo(1);
        assertThat(outside.err()).contains("PermissionError");
        assertThat(outsideFile).doesNotExist();
    }

    /** Every line of the README's bash blocks that runs runlock, as written. */
    static List<String> commandLines() throws IOException {
        List<String> lines = new ArrayList<>();
        for (String block : blocks("bash")) {
            block.lines().filter(l -> l.startsWith("runlock ") || l.startsWith("./runlock ")).forEach(lines::add);
        }
        return lines;
    }

    private static List<String> blocks(String language) throws IOException {
        List<String> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(Files.readString(README));
        while (m.find()) {
            if (m.group(1).equals(language)) {
                blocks.add(m.group(2));
            }
        }
        return blocks;
    }

    private Process background(String script) {
        ProcessBuilder builder = new ProcessBuilder("/bin/bash", "-c", script, Launcher.SCRIPT.toString())
                .directory(dir.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = new LinkedHashMap<>(new Launcher(dir).environment());
        builder.environment().clear();
        builder.environment().putAll(env);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
