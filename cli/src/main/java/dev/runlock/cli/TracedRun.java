package dev.runlock.cli;

import dev.runlock.cli.trace.Access;
import dev.runlock.cli.trace.Observer;
import dev.runlock.cli.trace.Operation;
import dev.runlock.cli.trace.TraceText;
import dev.runlock.landlock.kernel.KernelException;
import dev.runlock.landlock.kernel.LinuxKernel;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One run of runlock under strace, for {@code learn} and {@code diagnose}: strace starts a second
 * runlock, which sandboxes itself exactly as a plain run would and execs the command. strace stays
 * outside the Landlock domain (a tracer outside may trace a sandboxed tracee; the reverse is
 * denied), so the traced sandbox is the real one, and what the trace shows is the command's.
 */
final class TracedRun {
    /** Set on the traced runlock: the path it opens right before its execve. */
    static final String MARKER_PROPERTY = "runlock.trace.marker";
    /** How long a runlock that is being ended waits for the command it sent SIGTERM to. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

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
     * @param variables the names of the variables the command got, as byte strings
     * @param started when the run started, on the filesystem's clock
     */
    record Result(int status, boolean commandStarted, List<Operation> operations, Set<String> variables,
                  FileTime started) {
        /** The shell's status for a command it did not find. */
        private static final int NOT_FOUND = 127;

        /**
         * What to say when the command did not get PATH and failed as a missing PATH would make it:
         * it exited 127, or tried a program by name in directories and found it in none; or, with
         * nothing {@code denied}, failed at all (make looks programs up without a system call).
         */
        Optional<String> missingPath(boolean denied) {
            if (variables.contains("PATH") || status == 0) {
                return Optional.empty();
            }
            if (status == NOT_FOUND || lookupFoundNothing()) {
                return Optional.of("PATH is not passed and a program was not found: add --env PATH or --preset shell-env");
            }
            return denied ? Optional.empty() : Optional.of(
                    "PATH is not passed: if the command runs programs by name, add --env PATH or --preset shell-env");
        }

        /** Whether a program was tried (execve failing with ENOENT) under names none of which ran. */
        private boolean lookupFoundNothing() {
            Set<String> ran = new HashSet<>();
            Set<String> missing = new HashSet<>();
            for (Operation o : operations) {
                if (o.access() == Access.EXECUTE) {
                    String name = o.path().substring(o.path().lastIndexOf('/') + 1);
                    if (o.succeeded()) {
                        ran.add(name);
                    } else if (o.errno().orElse("").equals("ENOENT")) {
                        missing.add(name);
                    }
                }
            }
            return !ran.containsAll(missing);
        }
    }

    private TracedRun() {
    }

    /**
     * The programs a traced run starts outside the sandbox: strace, and setpriv (util-linux), which
     * makes strace die with the runlock that started it.
     */
    record Tools(Path strace, Path setpriv) {
        /** Both, found in the caller's PATH, or the one line that says which is missing and how to get it. */
        static Tools find(String subcommand, Map<String, String> environment) throws UsageException {
            return new Tools(tool(environment, "strace").orElseThrow(() -> missing(subcommand
                            + " observes the command with strace", "strace")),
                    tool(environment, "setpriv").orElseThrow(() -> missing(subcommand + " needs setpriv", "util-linux")));
        }

        private static UsageException missing(String need, String debianPackage) {
            return new UsageException(need + ", which is not installed (apt-get install " + debianPackage + ")");
        }
    }

    /**
     * {@code name} in an absolute directory of the caller's PATH: it runs outside the sandbox, so never
     * one that an empty or relative entry finds in the working directory, nor one Java cannot name.
     */
    static Optional<Path> tool(Map<String, String> environment, String name) {
        String path = environment.getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(":")) {
            try {
                Path candidate = Path.of(dir, name);
                if (dir.startsWith("/") && Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            } catch (InvalidPathException e) {
                // Bytes that are not UTF-8: a program there could not be started by name anyway.
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

    /**
     * Runs {@code runlock ARGS} under strace, the caller's terminal and descriptors 0-2 passed through.
     * strace writes into a file that never has a name ({@link LinuxKernel#openUnnamedFile}), through
     * this JVM's {@code /proc/PID/fd} entry, which no sandboxed process may open: nothing another
     * sandbox can be granted (a temporary directory, say) leads to the trace.
     *
     * <p>strace ignores SIGINT, SIGTERM and SIGHUP while it runs a command, so when one of them ends
     * this JVM, a shutdown hook sends SIGTERM to the command and waits for it; should this JVM be
     * killed, strace gets SIGKILL (a parent-death signal, set by setpriv), and so does the command
     * when strace ends (one set by the traced runlock's exec, {@link #tracer}). What the command
     * started runs on, untraced but sandboxed: strace 6.1 cannot kill its tracees as it exits.
     */
    static Result run(Tools tools, List<String> runlockArgs) throws IOException, InterruptedException {
        String marker = "/proc/self/runlock-trace-marker-" + UUID.randomUUID();
        LinuxKernel kernel = new LinuxKernel();
        Path directory = Path.of(System.getProperty("java.io.tmpdir"));
        int fd;
        try {
            fd = kernel.openUnnamedFile(directory);
        } catch (KernelException e) {
            throw new IOException("cannot make the trace file: " + e.getMessage(), e);
        }
        Path trace = Path.of("/proc/self/fd/" + fd);
        try (FileChannel traceFile = FileChannel.open(trace, StandardOpenOption.READ)) {
            FileTime started = Files.readAttributes(trace, BasicFileAttributes.class).creationTime();
            String output = "/proc/" + ProcessHandle.current().pid() + "/fd/" + fd;
            List<String> command = new ArrayList<>(List.of(tools.setpriv().toString(), "--pdeathsig", "KILL", "--",
                    tools.strace().toString(), "-f", "-qq", "--seccomp-bpf", "-xx", "-yy",
                    "-s", "4096", "-e", "abbrev=!execve,execveat", "-e", "trace=" + TRACED_CALLS, "-o", output, "--"));
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
            command.add("-D" + MARKER_PROPERTY + "=" + marker);
            command.add("-D" + Caller.ARGUMENTS_PROPERTY + "=" + Caller.carry(runlockArgs));
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
            int status = waitFor(new ProcessBuilder(command).inheritIO().start());
            Observer observer = new Observer(bytes(marker), bytes(Path.of("").toAbsolutePath().toString()));
            try (BufferedReader lines = new BufferedReader(Channels.newReader(traceFile, StandardCharsets.ISO_8859_1))) {
                lines.lines().forEach(observer::accept);
            }
            return new Result(status, observer.commandStarted(), observer.operations(),
                    observer.commandVariables().orElse(Set.of()), started);
        } finally {
            kernel.close(fd);
        }
    }

    /** Waits for strace; if this JVM is ended meanwhile, ends the command first. */
    private static int waitFor(Process strace) throws InterruptedException {
        Thread stop = new Thread(() -> {
            strace.children().forEach(ProcessHandle::destroy);
            try {
                strace.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "runlock-stop-command");
        Runtime.getRuntime().addShutdownHook(stop);
        int status = strace.waitFor();
        try {
            Runtime.getRuntime().removeShutdownHook(stop);
        } catch (IllegalStateException shuttingDown) {
            // The hook runs: the command is being ended.
        }
        return status;
    }

    /**
     * Under learn or diagnose, strace, this runlock's parent: the command is ended with it, so a
     * learn or diagnose that is killed leaves nothing running. Empty otherwise.
     */
    static OptionalLong tracer() {
        return System.getProperty(MARKER_PROPERTY) == null ? OptionalLong.empty()
                : ProcessHandle.current().parent().map(p -> OptionalLong.of(p.pid())).orElse(OptionalLong.empty());
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
