package dev.runlock.launch;

import dev.runlock.landlock.kernel.KernelException;
import dev.runlock.landlock.kernel.ProcessCalls;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Starts sandboxed child processes from a running JVM, in the manner of {@link ProcessBuilder}:
 * the JVM itself stays unrestricted, and each child gets the {@link SandboxPolicy} given here.
 *
 * <p>Differences from {@link ProcessBuilder}, each on purpose:
 * <ul>
 * <li>The environment starts <b>empty</b>: the child gets exactly the variables put in
 * {@link #environment()} (call {@link #inheritEnvironment()} for a copy of the JVM's).
 * <li>The command is looked up on the JVM's {@code PATH}, relative names against the JVM's
 * working directory; it is then started by its path, with {@code argv[0]} as given.
 * <li>No descriptor of the JVM reaches the child but the three standard ones it is given.
 * <li>Signals the JVM blocks or handles are unblocked and at their defaults in the child.
 * <li>Output pipes are not drained when the child exits: read or close the streams.
 * </ul>
 * A builder is not thread-safe; its policy is, and one policy may serve many builders and threads.
 */
public final class SandboxedProcessBuilder {
    private final SandboxPolicy policy;
    private List<String> command;
    private Path directory;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final Redirect[] redirects = {Redirect.PIPE, Redirect.PIPE, Redirect.PIPE};
    private boolean redirectErrorStream;

    public SandboxedProcessBuilder(SandboxPolicy policy, String... command) {
        this(policy, List.of(command));
    }

    public SandboxedProcessBuilder(SandboxPolicy policy, List<String> command) {
        this.policy = Objects.requireNonNull(policy);
        command(command);
    }

    public SandboxedProcessBuilder command(List<String> command) {
        this.command = List.copyOf(command);
        return this;
    }

    public List<String> command() {
        return command;
    }

    /** The child's working directory; {@code null} (the default) for the JVM's. The policy must grant what it does there. */
    public SandboxedProcessBuilder directory(Path directory) {
        this.directory = directory;
        return this;
    }

    public Path directory() {
        return directory;
    }

    /** The child's whole environment, empty at first; modifiable. */
    public Map<String, String> environment() {
        return environment;
    }

    /** Copies the JVM's environment into {@link #environment()}. */
    public SandboxedProcessBuilder inheritEnvironment() {
        environment.putAll(System.getenv());
        return this;
    }

    /**
     * Where the child's standard input comes from: {@link Redirect#PIPE} (the default),
     * {@link Redirect#INHERIT} or {@link Redirect#from} a file (opened by the JVM, not the sandbox).
     */
    public SandboxedProcessBuilder redirectInput(Redirect source) {
        if (source.type() == Redirect.Type.WRITE || source.type() == Redirect.Type.APPEND) {
            throw new IllegalArgumentException("cannot read standard input from " + source);
        }
        redirects[0] = source;
        return this;
    }

    /**
     * Where the child's standard output goes: {@link Redirect#PIPE} (the default),
     * {@link Redirect#INHERIT}, {@link Redirect#DISCARD}, {@link Redirect#to} or
     * {@link Redirect#appendTo} a file (opened by the JVM, not the sandbox).
     */
    public SandboxedProcessBuilder redirectOutput(Redirect destination) {
        redirects[1] = writable(destination);
        return this;
    }

    /** Where the child's standard error goes; as {@link #redirectOutput}. */
    public SandboxedProcessBuilder redirectError(Redirect destination) {
        redirects[2] = writable(destination);
        return this;
    }

    private static Redirect writable(Redirect destination) {
        if (destination.type() == Redirect.Type.READ) {
            throw new IllegalArgumentException("cannot write standard output or error to " + destination);
        }
        return destination;
    }

    /** Sends standard error where standard output goes. */
    public SandboxedProcessBuilder redirectErrorStream(boolean merge) {
        this.redirectErrorStream = merge;
        return this;
    }

    /** The child shares the JVM's standard input, output and error. */
    public SandboxedProcessBuilder inheritIO() {
        redirects[0] = Redirect.INHERIT;
        redirects[1] = Redirect.INHERIT;
        redirects[2] = Redirect.INHERIT;
        return this;
    }

    /**
     * Builds the policy's sandbox for this command (once per policy and command), then starts the
     * child in it from a new thread that restricts only itself.
     *
     * @throws InvalidPolicyException a granted path does not exist
     * @throws UnsupportedKernelException the policy is a hard requirement the kernel cannot meet
     * @throws RestrictionException building the ruleset or restricting the thread failed
     * @throws SpawnException the command was not found, could not be executed, or a redirect failed
     */
    public SandboxedProcess start() throws SandboxException {
        if (command.isEmpty()) {
            throw new IndexOutOfBoundsException("no command to start");
        }
        List<String> env = new ArrayList<>(environment.size());
        environment.forEach((key, value) -> env.add(key + '=' + value));
        for (String text : command) {
            noNul(text);
        }
        env.forEach(SandboxedProcessBuilder::noNul);
        PreparedSandboxes.Prepared prepared = policy.prepared().get(policy.policy(), policy.imports(),
                command.getFirst(), environment.get("LD_LIBRARY_PATH"));
        try (Stdio stdio = new Stdio()) {
            int pid = RestrictedSpawn.spawn(policy.kernel(), prepared, policy.policy().keepCapabilities(), command, env, Optional.ofNullable(directory), stdio.child);
            stdio.started = true;
            return new SandboxedProcess(new ChildProcess(pid, stdio.stdin, stdio.stdout, stdio.stderr), prepared.plan());
        } finally {
            // The policy's cleaner closes the ruleset: not while this launch may still restrict with it.
            Reference.reachabilityFence(policy);
        }
    }

    private static void noNul(String text) {
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("invalid null character in " + text.replace('\0', '?'));
        }
    }

    /**
     * The child's descriptors 0-2 and the JVM's ends of its pipes. The child's ends are closed
     * once it started; the JVM's too if it did not.
     */
    private final class Stdio implements AutoCloseable {
        final int[] child = {-1, -1, -1};
        final List<Integer> opened = new ArrayList<>();
        OutputStream stdin = OutputStream.nullOutputStream();
        InputStream stdout = InputStream.nullInputStream();
        InputStream stderr = InputStream.nullInputStream();
        boolean started;

        Stdio() throws SpawnException {
            try {
                stdin = input(redirects[0]);
                stdout = output(redirects[1], 1);
                if (redirectErrorStream) {
                    child[2] = 1; // duplicated after descriptor 1 is in place
                } else {
                    stderr = output(redirects[2], 2);
                }
            } catch (KernelException | IOException e) {
                close();
                throw new SpawnException("cannot set up the standard streams of " + command.getFirst() + ": "
                        + e.getMessage(), e);
            }
        }

        private OutputStream input(Redirect redirect) throws KernelException, IOException {
            return switch (redirect.type()) {
                case PIPE -> {
                    int[] pipe = pipe(0, 0);
                    yield new FileOutputStream(reopen(pipe[1]));
                }
                case INHERIT -> OutputStream.nullOutputStream();
                case READ -> {
                    child[0] = opened(ProcessCalls.openForReading(redirect.file().toPath()));
                    yield OutputStream.nullOutputStream();
                }
                case WRITE, APPEND -> throw new IllegalStateException("refused by redirectInput: " + redirect);
            };
        }

        private InputStream output(Redirect redirect, int target) throws KernelException, IOException {
            return switch (redirect.type()) {
                case PIPE -> {
                    int[] pipe = pipe(target, 1);
                    yield new FileInputStream(reopen(pipe[0]));
                }
                case INHERIT -> InputStream.nullInputStream();
                case WRITE -> {
                    child[target] = opened(ProcessCalls.openForWriting(redirect.file().toPath(), false));
                    yield InputStream.nullInputStream();
                }
                case APPEND -> {
                    child[target] = opened(ProcessCalls.openForWriting(redirect.file().toPath(), true));
                    yield InputStream.nullInputStream();
                }
                case READ -> throw new IllegalStateException("refused by redirectOutput and redirectError: " + redirect);
            };
        }

        /** A pipe whose end {@code childEnd} (0 read, 1 write) goes to the child's {@code target}. */
        private int[] pipe(int target, int childEnd) throws KernelException {
            int[] pipe = ProcessCalls.pipe();
            opened.add(pipe[0]);
            opened.add(pipe[1]);
            child[target] = pipe[childEnd];
            return pipe;
        }

        private int opened(int fd) {
            opened.add(fd);
            return fd;
        }

        /**
         * The JVM's end of a pipe as a path a stream can open. Opened while both ends are still
         * held: opening a pipe with no peer would block.
         */
        private String reopen(int fd) {
            return "/proc/self/fd/" + fd;
        }

        @Override
        public void close() {
            opened.forEach(ProcessCalls::close);
            if (!started) {
                closeQuietly(stdin);
                closeQuietly(stdout);
                closeQuietly(stderr);
            }
        }

        private static void closeQuietly(AutoCloseable stream) {
            try {
                stream.close();
            } catch (Exception e) {
                // Nothing was started that could read or write it.
            }
        }
    }
}
