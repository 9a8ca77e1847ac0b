package dev.runlock.cli;

import dev.runlock.cli.trace.Observer;
import dev.runlock.cli.trace.Operation;
import dev.runlock.cli.trace.TraceText;
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * One run of runlock under strace, for {@code learn} and {@code diagnose}: strace starts a second
 * runlock, which sandboxes itself exactly as a plain run would and execs the command. strace stays
 * outside the Landlock domain (a tracer outside may trace a sandboxed tracee; the reverse is
 * denied), so the traced sandbox is the real one, and what the trace shows is the command's.
 */
final class TracedRun {
    /** Set on the traced runlock: the path it opens right before its execve. */
    static final String MARKER_PROPERTY = "runlock.trace.marker";
    /** Set on the traced runlock: strace's output file, which it unlinks before it sandboxes itself. */
    static final String TRACE_PROPERTY = "runlock.trace.output";

    /**
     * The calls Landlock decides on (file opens, exec, directory changes, bind, connect, send),
     * plus those that move the working directory or start a process, to resolve relative paths.
     * A {@code ?} skips a call this architecture lacks (aarch64 has no open, mkdir...).
     */
    static final String TRACED_CALLS = "?open,openat,?openat2,?creat,execve,execveat,?mkdir,mkdirat,?mknod,mknodat,"
            + "?unlink,unlinkat,?rmdir,?rename,renameat,?renameat2,?link,linkat,?symlink,symlinkat,truncate,"
            + "chdir,fchdir,clone,?clone3,?fork,?vfork,connect,bind,sendto,sendmsg";

    /**
     * @param status the command's exit status (128+N if signal N killed it), or runlock's 1
     * @param started when the run started, on the filesystem's clock
     */
    record Result(int status, boolean commandStarted, List<Operation> operations, FileTime started) {
    }

    private TracedRun() {
    }

    /**
     * strace in an absolute directory of the caller's PATH: it runs outside the sandbox, so never
     * one that an empty or relative entry finds in the working directory, nor one Java cannot name.
     */
    static Optional<Path> strace(Map<String, String> environment) {
        String path = environment.getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(":")) {
            try {
                Path candidate = Path.of(dir, "strace");
                if (dir.startsWith("/") && Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            } catch (InvalidPathException e) {
                // Bytes that are not UTF-8: a strace there could not be started by name anyway.
            }
        }
        return Optional.empty();
    }

    /** Refuses a missing command and the options that make no sense under the tracer. */
    static void check(String subcommand, Options options, Set<Option> refused) throws UsageException {
        if (options.command().isEmpty()) {
            throw new UsageException("missing command to " + subcommand + " (usage: runlock " + subcommand
                    + " [OPTIONS] -- <COMMAND> [ARGS]...)");
        }
        if (Caller.deletedWorkingDirectory().isPresent()) {
            throw new UsageException(subcommand + " cannot run in a deleted working directory: the traced runlock "
                    + "starts in it");
        }
        for (Option option : refused) {
            boolean given = switch (option.kind()) {
                case FLAG -> options.flag(option);
                case LIST, REPEATED -> !options.list(option).isEmpty();
                case SWITCH -> options.switchValue(option).isPresent();
                case VALUE -> options.value(option).isPresent();
            };
            if (given) {
                throw new UsageException(option.longName() + " cannot be used with runlock " + subcommand);
            }
        }
    }

    /** The one line that says strace is missing and how to get it. */
    static String missingStrace(String subcommand) {
        return subcommand + " observes the command with strace, which is not installed (apt-get install strace)";
    }

    /** Runs {@code runlock ARGS} under strace, the caller's terminal and descriptors 0-2 passed through. */
    static Result run(Path strace, List<String> runlockArgs) throws IOException, InterruptedException {
        String marker = "/proc/self/runlock-trace-marker-" + UUID.randomUUID();
        Path trace = Files.createTempFile("runlock-trace", ".txt");
        trace.toFile().deleteOnExit(); // also when Ctrl-C ends this JVM while the command runs
        try (FileChannel traceFile = FileChannel.open(trace, StandardOpenOption.READ)) {
            FileTime started = Files.readAttributes(trace, BasicFileAttributes.class).creationTime();
            List<String> command = new ArrayList<>(List.of(strace.toString(), "-f", "-qq", "--seccomp-bpf", "-xx", "-yy",
                    "-s", "4096", "-e", "trace=" + TRACED_CALLS, "-o", trace.toString(), "--"));
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
            command.add("-D" + MARKER_PROPERTY + "=" + marker);
            command.add("-D" + TRACE_PROPERTY + "=" + trace);
            command.add("-D" + Caller.ARGUMENTS_PROPERTY + "=" + Caller.carry(runlockArgs));
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
            int status = new ProcessBuilder(command).inheritIO().start().waitFor();
            Observer observer = new Observer(bytes(marker), bytes(Path.of("").toAbsolutePath().toString()));
            try (BufferedReader lines = new BufferedReader(Channels.newReader(traceFile, StandardCharsets.ISO_8859_1))) {
                lines.lines().forEach(observer::accept);
            }
            return new Result(status, observer.commandStarted(), observer.operations(), started);
        } finally {
            Files.deleteIfExists(trace);
        }
    }

    /**
     * Under learn or diagnose, before the sandbox: removes the trace file's name, so that a command
     * granted its directory cannot rewrite what diagnose reports. strace opened it before starting
     * this runlock, and the outer runlock reads it through a descriptor of its own.
     */
    static void unlinkTrace() throws UsageException {
        String trace = System.getProperty(TRACE_PROPERTY);
        if (trace != null) {
            try {
                Files.delete(Path.of(trace));
            } catch (IOException e) {
                throw new UsageException("cannot remove the trace file " + trace + " before the sandbox (" + e + ")");
            }
        }
    }

    /** Under learn or diagnose: opens the marker path, so the trace shows where runlock hands over. */
    static void markExec() {
        String marker = System.getProperty(MARKER_PROPERTY);
        if (marker != null) {
            try {
                new FileInputStream(marker).close();
            } catch (IOException expected) {
                // ENOENT, or EACCES inside the sandbox: the open is the point
            }
        }
    }

    /** A name as the trace's byte strings hold it. */
    static String bytes(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /** A byte string as a Path, if its bytes are UTF-8 (the launcher runs the JVM in a UTF-8 locale). */
    static Optional<Path> path(String byteString) {
        return TraceText.utf8(byteString).map(Path::of);
    }
}
