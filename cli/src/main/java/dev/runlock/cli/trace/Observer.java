package dev.runlock.cli.trace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a traced runlock run into the {@link Operation}s of the command. The trace starts with
 * runlock's own JVM; runlock opens {@code marker} (a path that does not exist) just before its
 * execve, so what counts begins with the first successful execve after that open. The JVM's other
 * threads die at that execve; any line of theirs is ignored.
 */
public final class Observer {
    private static final Pattern PORT = Pattern.compile("sin6?_port=htons\\((\\d+)\\)");
    private static final Pattern SUN_PATH = Pattern.compile("sun_path=(\"[^\"]*\")");
    private static final Pattern FLAGS = Pattern.compile("flags=([A-Z0-9_|]+)");

    private final String marker;
    private final String initialCwd;
    private final StraceLines lines = new StraceLines();
    private final List<Operation> operations = new ArrayList<>();
    private final Map<Integer, String> cwd = new HashMap<>();
    private final Map<Integer, String> program = new HashMap<>();
    /** The program each process first tried to execute: names a child that ran no program it inherited. */
    private final Map<Integer, String> attempted = new HashMap<>();
    /** Where in {@link #operations} a process whose program was unknown acted. */
    private final List<Integer> unnamed = new ArrayList<>();
    /** The names of the variables the command started with, as byte strings; null until it started. */
    private Set<String> variables;
    /** runlock's threads, seen before the command started. */
    private final Set<Integer> runlockThreads = new HashSet<>();
    private Phase phase = Phase.RUNLOCK;

    private enum Phase { RUNLOCK, MARKED, COMMAND }

    /**
     * @param marker the path runlock opens right before its execve, as a byte string
     * @param workingDirectory the command's working directory, as a byte string
     */
    public Observer(String marker, String workingDirectory) {
        this.marker = marker;
        this.initialCwd = workingDirectory;
    }

    /** Reads one line of the trace. */
    public void accept(String line) {
        lines.accept(line).ifPresent(this::accept);
    }

    /**
     * What the command did, in trace order; empty if runlock never reached its execve. A process
     * whose program is not known (it acted before the line of the fork that made it) is named after
     * the program it forked from, else the one it tried to execute, else {@code ?}.
     */
    public List<Operation> operations() {
        List<Operation> out = new ArrayList<>(operations);
        for (int i : unnamed) {
            Operation o = out.get(i);
            String name = Optional.ofNullable(program.get(o.pid())).or(() -> Optional.ofNullable(attempted.get(o.pid())))
                    .orElse("?");
            out.set(i, new Operation(o.pid(), name, o.call(), o.access(), o.path(), o.port(), o.errno()));
        }
        return List.copyOf(out);
    }

    /**
     * The names of the variables in the command's environment (byte strings, as strace printed its
     * execve's third argument with {@code -e abbrev=none}); empty if it did not start.
     */
    public Optional<Set<String>> commandVariables() {
        return Optional.ofNullable(variables).map(Set::copyOf);
    }

    /** Whether the command was started (runlock reached a successful execve). */
    public boolean commandStarted() {
        return phase == Phase.COMMAND;
    }

    private void accept(Syscall call) {
        switch (phase) {
            case RUNLOCK -> {
                runlockThreads.add(call.pid());
                if (call.name().startsWith("open") && path(call, 1).filter(marker::equals).isPresent()) {
                    phase = Phase.MARKED;
                }
            }
            case MARKED -> {
                runlockThreads.add(call.pid());
                if (call.name().startsWith("execve") && call.succeeded()) {
                    phase = Phase.COMMAND;
                    runlockThreads.remove(call.pid());
                    variables = variableNames(call.arg(call.name().equals("execve") ? 2 : 3));
                    observe(call);
                }
            }
            case COMMAND -> {
                if (!runlockThreads.contains(call.pid())) {
                    observe(call);
                }
            }
        }
    }

    private void observe(Syscall call) {
        int pid = call.pid();
        call.args().stream().filter(a -> a.startsWith("AT_FDCWD<")).findFirst()
                .flatMap(a -> StraceLines.annotation(a.substring("AT_FDCWD".length())))
                .ifPresent(dir -> cwd.put(pid, dir));
        String name = call.name();
        switch (name) {
            case "open" -> open(call, at(call, null, 0), flags(call.arg(1)));
            case "openat" -> open(call, at(call, call.arg(0), 1), flags(call.arg(2)));
            case "openat2" -> {
                Matcher m = FLAGS.matcher(call.arg(2));
                open(call, at(call, call.arg(0), 1), m.find() ? flags(m.group(1)) : Set.of());
            }
            case "creat" -> open(call, at(call, null, 0), Set.of("O_CREAT", "O_WRONLY", "O_TRUNC"));
            case "execve" -> exec(call, at(call, null, 0));
            case "execveat" -> exec(call, call.arg(1).equals("\"\"") ? fdPath(call.arg(0)) : at(call, call.arg(0), 1));
            case "mkdir", "mknod", "unlink", "rmdir" ->
                    add(call, name.equals("unlink") || name.equals("rmdir") ? Access.REMOVE : Access.CREATE,
                            at(call, null, 0));
            case "mkdirat", "mknodat" -> add(call, Access.CREATE, at(call, call.arg(0), 1));
            case "unlinkat" -> add(call, Access.REMOVE, at(call, call.arg(0), 1));
            case "symlink", "link" -> add(call, Access.CREATE, at(call, null, 1));
            case "symlinkat" -> add(call, Access.CREATE, at(call, call.arg(1), 2));
            case "linkat" -> add(call, Access.CREATE, at(call, call.arg(2), 3));
            case "rename" -> {
                add(call, Access.REMOVE, at(call, null, 0));
                add(call, Access.CREATE, at(call, null, 1));
            }
            case "renameat", "renameat2" -> {
                add(call, Access.REMOVE, at(call, call.arg(0), 1));
                add(call, Access.CREATE, at(call, call.arg(2), 3));
            }
            case "truncate" -> add(call, Access.WRITE, at(call, null, 0));
            case "chdir" -> {
                if (call.succeeded()) {
                    at(call, null, 0).ifPresent(dir -> cwd.put(pid, dir));
                }
            }
            case "fchdir" -> {
                if (call.succeeded()) {
                    fdPath(call.arg(0)).ifPresent(dir -> cwd.put(pid, dir));
                }
            }
            case "clone", "clone3", "fork", "vfork" -> {
                if (call.succeeded() && call.result() > 0) {
                    int child = (int) call.result();
                    cwd.put(child, cwd.getOrDefault(pid, initialCwd));
                    // The child's own lines may come first: a program it executed since is kept.
                    Optional.ofNullable(program.get(pid)).ifPresent(p -> program.putIfAbsent(child, p));
                }
            }
            case "connect", "bind", "sendto", "sendmsg" -> network(call);
            default -> { }
        }
    }

    private void open(Syscall call, Optional<String> path, Set<String> flags) {
        if (flags.contains("O_PATH")) {
            return;
        }
        boolean write = flags.contains("O_WRONLY") || flags.contains("O_RDWR");
        if (flags.contains("O_CREAT") || flags.contains("O_TMPFILE")) {
            add(call, Access.OPEN_CREATE, path);
            return;
        }
        if (write || flags.contains("O_TRUNC")) {
            add(call, Access.WRITE, path);
        }
        if (!flags.contains("O_WRONLY")) {
            add(call, flags.contains("O_DIRECTORY") ? Access.LIST : Access.READ, path);
        }
    }

    private void exec(Syscall call, Optional<String> path) {
        add(call, Access.EXECUTE, path);
        path.ifPresent(p -> {
            String name = p.substring(p.lastIndexOf('/') + 1);
            attempted.putIfAbsent(call.pid(), name);
            if (call.succeeded()) {
                program.put(call.pid(), name);
            }
        });
    }

    /**
     * The names in an environment array {@code ["\x50\x41\x54\x48\x3d...", ...]}: the bytes before
     * each entry's first {@code =}. An entry strace cut short still has its name.
     */
    private static Set<String> variableNames(String array) {
        Set<String> names = new HashSet<>();
        if (!array.startsWith("[") || !array.endsWith("]")) {
            return names;
        }
        for (String entry : array.substring(1, array.length() - 1).split(", ")) {
            int end = entry.indexOf("\\x3d");
            if (entry.startsWith("\"") && end > 0) {
                TraceText.hexBytes(entry.substring(1, end)).ifPresent(names::add);
            }
        }
        return names;
    }

    private void network(Syscall call) {
        String socket = call.arg(0);
        int type = socket.indexOf('<');
        String kind = type < 0 ? "" : socket.substring(type + 1);
        String address = call.name().equals("sendto") ? call.arg(4) : call.name().equals("sendmsg") ? call.arg(1)
                : call.arg(1);
        boolean bind = call.name().equals("bind");
        if (kind.startsWith("UNIX")) {
            Matcher m = SUN_PATH.matcher(address);
            if (m.find()) {
                Optional<String> path = TraceText.hexBytes(m.group(1)).map(p -> absolute(call.pid(), p));
                add(call, bind ? Access.CREATE : Access.CONNECT_UNIX, path);
            }
            return;
        }
        boolean tcp = kind.startsWith("TCP");
        if (!tcp && !kind.startsWith("UDP")) {
            return;
        }
        Matcher m = PORT.matcher(address);
        if (!m.find()) {
            return;
        }
        int port = Integer.parseInt(m.group(1));
        if (port == 0 && !bind) {
            return;
        }
        Access access = tcp ? (bind ? Access.BIND_TCP : Access.CONNECT_TCP) : (bind ? Access.BIND_UDP : Access.CONNECT_UDP);
        record(new Operation(call.pid(), programOf(call.pid()), call.name(), access, "", port, call.errno()));
    }

    private void add(Syscall call, Access access, Optional<String> path) {
        path.ifPresent(p -> record(
                new Operation(call.pid(), programOf(call.pid()), call.name(), access, p, -1, call.errno())));
    }

    private void record(Operation o) {
        if (!program.containsKey(o.pid())) {
            unnamed.add(operations.size());
        }
        operations.add(o);
    }

    private String programOf(int pid) {
        return program.getOrDefault(pid, "?");
    }

    /** The path of argument {@code index}, resolved against {@code dirfd} (null: the cwd). */
    private Optional<String> at(Syscall call, String dirfd, int index) {
        Optional<String> raw = path(call, index);
        if (raw.isEmpty()) {
            return raw;
        }
        String p = raw.get();
        if (p.startsWith("/")) {
            return Optional.of(normalize(p));
        }
        Optional<String> base = dirfd == null || dirfd.startsWith("AT_FDCWD") ? Optional.of(cwdOf(call.pid()))
                : fdPath(dirfd);
        return base.map(b -> normalize(b + "/" + p));
    }

    private String absolute(int pid, String p) {
        return normalize(p.startsWith("/") ? p : cwdOf(pid) + "/" + p);
    }

    private String cwdOf(int pid) {
        return cwd.getOrDefault(pid, initialCwd);
    }

    private static Optional<String> path(Syscall call, int index) {
        return TraceText.hexBytes(call.arg(index));
    }

    /** The path strace printed next to a descriptor argument, e.g. {@code 3<\x2f\x74\x6d\x70>}. */
    private static Optional<String> fdPath(String arg) {
        int open = arg.indexOf('<');
        return open < 0 ? Optional.empty() : StraceLines.annotation(arg.substring(open)).filter(p -> p.startsWith("/"));
    }

    private static Set<String> flags(String text) {
        return Set.of(text.split("\\|"));
    }

    /** Removes {@code .}, {@code ..} and repeated slashes, as the kernel would without symlinks. */
    static String normalize(String path) {
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.removeLast();
                }
            } else {
                parts.add(part);
            }
        }
        return "/" + String.join("/", parts);
    }
}
