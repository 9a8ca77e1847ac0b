package dev.runlock.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * What the machine under the tests can do, beyond a JDK: the one place every module asks, so
 * that a test needing a capability is skipped with the same kind of message everywhere, and each
 * probe runs once per JVM.
 *
 * <p>A skip message reads {@code [machine] NAME: ABSENCE (DETAIL) — WHAT IS NOT PROVEN};
 * {@code .ci/run} counts them per {@code NAME: ABSENCE} from the test reports
 * ({@code scripts/SkippedCapabilities.java}), so CI's log says what was not proven where.
 */
public enum MachineCapability {
    /** 32-bit x86 programs execute (IA32 emulation on, not disabled by {@code ia32_emulation=0}). */
    I386_EXECUTION("i386 execution", "not available on this kernel", MachineCapability::probeI386),
    /** gcc builds and links 32-bit programs ({@code gcc-multilib}). */
    GCC_M32("gcc -m32", "cannot link here", MachineCapability::probeGccM32),
    /** gcc is installed. */
    GCC("gcc", "not installed", () -> tool("gcc")),
    /** {@code /usr/bin/python3}, which runs the real-kernel probes. */
    PYTHON3("/usr/bin/python3", "not installed", () -> tool("python3")),
    /** {@code /usr/bin/strace}, the tracer of {@code learn} and {@code diagnose}. */
    STRACE("strace", "not installed", () -> tool("strace")),
    /** {@code /usr/bin/setpriv} (util-linux), which makes strace die with {@code learn} and {@code diagnose}. */
    SETPRIV("setpriv", "not installed", () -> tool("setpriv")),
    /** {@code /usr/bin/script} (util-linux), which gives a command a terminal. */
    SCRIPT("script(1)", "not installed", () -> tool("script")),
    /** {@code /usr/bin/man} (man-db), which renders the man page. */
    MAN("man", "not installed", () -> tool("man")),
    /** bash-completion's loader, which gives commands their own completion. */
    BASH_COMPLETION("bash-completion", "not installed", () -> file(Path.of("/usr/share/bash-completion/bash_completion"))),
    /** {@code /usr/bin/zsh}. */
    ZSH("zsh", "not installed", () -> tool("zsh")),
    /** {@code /usr/bin/fish}. */
    FISH("fish", "not installed", () -> tool("fish")),
    /** A Docker engine that answers {@code docker version}. */
    DOCKER("a Docker engine", "not answering on this machine", MachineCapability::probeDocker),
    /** The tests run as root (uid 0): needed to make device nodes, or to run as another user. */
    ROOT("root", "not the user running the tests", MachineCapability::probeRoot);

    /** The system property that names capabilities to treat as missing, comma-separated. */
    public static final String PRETEND_MISSING = "runlock.test.without";

    private static final long TIMEOUT_SECONDS = 60;

    private final String title;
    private final String absence;
    private final Supplier<Probe> probe;
    private Probe result;

    MachineCapability(String title, String absence, Supplier<Probe> probe) {
        this.title = title;
        this.absence = absence;
        this.probe = probe;
    }

    /** What probing found: whether the capability is there, and what was seen. */
    public record Probe(boolean available, String detail) {
    }

    /**
     * The probe's result, probed on first use; missing without probing when the system property
     * {@value #PRETEND_MISSING} lists this constant's name, so that a capable machine can show
     * what a machine without it would skip.
     */
    public synchronized Probe probe() {
        if (result == null) {
            boolean pretended = List.of(System.getProperty(PRETEND_MISSING, "").split(",")).contains(name());
            result = pretended ? new Probe(false, "-D" + PRETEND_MISSING + "=" + name()) : measure();
        }
        return result;
    }

    /** Probes now, whatever {@value #PRETEND_MISSING} says. */
    Probe measure() {
        return probe.get();
    }

    /** Whether the machine has it. */
    public boolean available() {
        return probe().available();
    }

    /**
     * Skips the calling test unless the machine has this capability; {@code unproven} says what
     * then goes unproven here (and, where it is so, that the attack it covers cannot happen here).
     */
    public void assume(String unproven) {
        Probe p = probe();
        Assumptions.assumeTrue(p.available(), () -> skipMessage(title, absence, p.detail(), unproven));
    }

    /** The message of a skip for a missing capability, in the form {@code .ci/run} counts. */
    public static String skipMessage(String title, String absence, String detail, String unproven) {
        return "[machine] " + title + ": " + absence + " (" + detail + ") — " + unproven;
    }

    private static Probe tool(String name) {
        Path path = Path.of("/usr/bin", name);
        return new Probe(Files.isExecutable(path), Files.isExecutable(path) ? path.toString() : "no " + path);
    }

    private static Probe file(Path path) {
        return new Probe(Files.isReadable(path), Files.isReadable(path) ? path.toString() : "no " + path);
    }

    private static Probe probeRoot() {
        try {
            int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return new Probe(uid == 0, "uid " + uid);
        } catch (IOException e) {
            return new Probe(false, "/proc/self: " + e.getMessage());
        }
    }

    private static Probe probeDocker() {
        Outcome outcome = run(List.of("docker", "version", "--format", "{{.Server.Version}}"));
        return new Probe(outcome.status() == 0, outcome.status() == 0 ? "server " + outcome.output().strip()
                : outcome.describe());
    }

    private static Probe probeGccM32() {
        if (!GCC.available()) {
            return new Probe(false, "gcc is not installed");
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("runlock-probe");
            Path source = Files.writeString(dir.resolve("m32.c"), "int main(void) { return 0; }\n");
            Outcome outcome = run(List.of("/usr/bin/gcc", "-m32", "-o", dir.resolve("m32").toString(), source.toString()));
            return new Probe(outcome.status() == 0, outcome.status() == 0 ? "links" : outcome.describe());
        } catch (IOException e) {
            return new Probe(false, e.getMessage());
        } finally {
            delete(dir);
        }
    }

    /** Executes a 96-byte i386 program, built here byte by byte, that exits with status 42. */
    private static Probe probeI386() {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("runlock-probe");
            Path program = Files.write(dir.resolve("exit42-i386"), i386Exit42());
            Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwx------"));
            Outcome outcome = run(List.of(program.toString()));
            return new Probe(outcome.status() == 42, outcome.status() == 42 ? "an i386 program ran" : outcome.describe());
        } catch (IOException e) {
            return new Probe(false, e.getMessage());
        } finally {
            delete(dir);
        }
    }

    /** An ELF32 executable for EM_386: one PT_LOAD segment, {@code exit(42)} through {@code int 0x80}. */
    static byte[] i386Exit42() {
        int base = 0x0804_8000;
        byte[] code = {(byte) 0xb8, 1, 0, 0, 0, (byte) 0xbb, 42, 0, 0, 0, (byte) 0xcd, (byte) 0x80};
        int ehsize = 52;
        int phentsize = 32;
        int size = ehsize + phentsize + code.length;
        ByteBuffer elf = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        elf.put(new byte[] {0x7f, 'E', 'L', 'F', 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0}); // ELFCLASS32, LSB, version 1
        elf.putShort((short) 2).putShort((short) 3).putInt(1); // ET_EXEC, EM_386, EV_CURRENT
        elf.putInt(base + ehsize + phentsize).putInt(ehsize).putInt(0).putInt(0); // entry, phoff, shoff, flags
        elf.putShort((short) ehsize).putShort((short) phentsize).putShort((short) 1); // ehsize, phentsize, phnum
        elf.putShort((short) 0).putShort((short) 0).putShort((short) 0); // no section headers
        elf.putInt(1).putInt(0).putInt(base).putInt(base); // PT_LOAD from offset 0 at base
        elf.putInt(size).putInt(size).putInt(5).putInt(0x1000); // filesz, memsz, R+X, align
        elf.put(code);
        return elf.array();
    }

    /** Exit status (or -1 when it could not start) and output of a probe command. */
    private record Outcome(int status, String output) {
        String describe() {
            String first = output.lines().filter(line -> !line.isBlank()).findFirst().orElse("").strip();
            return status < 0 ? first : "exit " + status + (first.isEmpty() ? "" : ": " + first);
        }
    }

    private static Outcome run(List<String> argv) {
        try {
            Process process = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> text(process));
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Outcome(-1, String.join(" ", argv) + " timed out");
            }
            return new Outcome(process.exitValue(), out.join());
        } catch (IOException e) {
            // "Cannot run program ...: error=8, Exec format error": keep the cause, not the path.
            String message = String.valueOf(e.getMessage());
            int cause = message.lastIndexOf("error=");
            return new Outcome(-1, "execve: " + (cause >= 0 ? message.substring(cause) : message));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(-1, "interrupted");
        }
    }

    private static String text(Process process) {
        try (InputStream in = process.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A probe's scratch directory left in the temp directory harms nothing.
        }
    }
}
