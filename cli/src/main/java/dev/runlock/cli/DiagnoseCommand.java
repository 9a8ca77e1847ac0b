package dev.runlock.cli;

import dev.runlock.cli.learn.Compaction;
import dev.runlock.cli.preset.PresetContext;
import dev.runlock.cli.preset.Presets;
import dev.runlock.cli.text.ShellWord;
import dev.runlock.cli.trace.Operation;
import dev.runlock.cli.trace.TraceText;
import dev.runlock.landlock.AccessNet;
import dev.runlock.os.ByteStrings;
import dev.runlock.sandbox.Intent;
import dev.runlock.sandbox.PathGrant;
import dev.runlock.sandbox.PortGrant;
import dev.runlock.sandbox.PortRange;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code runlock diagnose}: runs the command in the sandbox the options describe, traced, and then
 * lists what the sandbox denied, each with the option that would allow it.
 */
final class DiagnoseCommand {
    /** The errors Landlock gives: EACCES, and EXDEV for a rename or link it refuses across directories. */
    private static final Set<String> DENIALS = Set.of("EACCES", "EPERM", "EXDEV");

    private final Options options;
    private final Map<String, String> environment;
    private final PrintWriter err;

    /** @param err where the report goes: stdout stays the command's */
    DiagnoseCommand(Options options, Map<String, String> environment, PrintWriter err) {
        this.options = options;
        this.environment = environment;
        this.err = err;
    }

    /** One denied operation and the option that allows it. */
    record Denial(Operation operation, String allow) {
        String describe() {
            Operation o = operation;
            String target = o.access().network() ? (o.access().name().endsWith("TCP") ? "TCP" : "UDP") + " port " + o.port()
                    : TraceText.display(o.path());
            return TraceText.display(o.program()) + ": " + o.call() + " " + target + (o.access().network() ? "" : " (" + o.access().verb()
                    + ")") + ": " + o.errno().orElse("") + "; allow with " + allow;
        }
    }

    int run() throws Exception {
        TracedRun.check("diagnose", options, Set.of(Option.EXPLAIN, Option.KEEP_FD));
        TracedRun.Tools tools = TracedRun.Tools.find("diagnose", environment);
        List<String> args = new ArrayList<>(CommandModel.arguments(options, Set.of()));
        args.add("--");
        args.addAll(options.command());
        TracedRun.Result run = TracedRun.run(tools, args);
        if (!run.commandStarted()) {
            return run.status();
        }
        List<Denial> denials = denials(run.operations(), DiagnoseCommand::allowedWithoutSandbox);
        if (denials.isEmpty()) {
            err.println(Log.line("diagnose: the sandbox denied nothing; the command exited with status " + run.status()));
        } else {
            err.println(Log.line("diagnose: the sandbox denied " + denials.size()
                    + (denials.size() == 1 ? " operation:" : " operations:")));
            PresetCoverage presets = new PresetCoverage(Presets.builtIn().resolve(Presets.builtIn().names(),
                    new PresetContext(environment, options.command().stream().findFirst())));
            denials.forEach(d -> err.println(Log.line("  " + d.describe() + presetHint(presets, d.operation()))));
            err.println(Log.line("diagnose: the command exited with status " + run.status()));
        }
        run.missingPath(!denials.isEmpty()).ifPresent(hint -> err.println(Log.line("diagnose: " + hint)));
        err.flush();
        return run.status();
    }

    /**
     * The operations the sandbox denied, one per option that would allow them, in trace order.
     * A failure the caller would get without the sandbox too (file modes) is not the sandbox's.
     */
    static List<Denial> denials(List<Operation> operations, Predicate<Operation> allowedWithoutSandbox) {
        Map<String, Denial> out = new LinkedHashMap<>();
        for (Operation o : operations) {
            if (o.errno().filter(DENIALS::contains).isEmpty() || !allowedWithoutSandbox.test(o)) {
                continue;
            }
            String allow = allow(o);
            out.putIfAbsent(allow, new Denial(o, allow));
        }
        return List.copyOf(out.values());
    }

    /** The option that grants what {@code o} tried, found through the option/key table. */
    static String allow(Operation o) {
        String parent = o.path().isEmpty() ? "" : Compaction.parent(o.path());
        String target = switch (o.access()) {
            case OPEN_CREATE -> shell(exists(o.path()) ? o.path() : parent);
            case CREATE, REMOVE -> shell(parent);
            default -> o.access().network() ? Integer.toString(o.port()) : shell(o.path());
        };
        return Setting.of(grant(o)).orElseThrow().option().longName() + " " + target;
    }

    /** {@code " or --preset NAME"} when a built-in preset grants what {@code o} tried (the first, in file order). */
    static String presetHint(PresetCoverage presets, Operation o) {
        List<String> names = switch (grant(o)) {
            case Grant.Paths(Intent intent) -> TracedRun.path(o.path()).map(p -> presets.covering(
                    new PathGrant(realPath(p), intent, "denied"))).orElse(List.of());
            case Grant.Ports(AccessNet access) -> presets.covering(
                    new PortGrant(access, new PortRange(o.port(), o.port()), "denied"));
            case Grant.Switch ignored -> List.of();
        };
        return names.isEmpty() ? "" : " or --preset " + names.getFirst();
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path;
        }
    }

    private static Grant grant(Operation o) {
        return switch (o.access()) {
            case READ -> new Grant.Paths(Intent.RO);
            case LIST -> new Grant.Paths(Intent.LS);
            case EXECUTE -> new Grant.Paths(Intent.ROX);
            case WRITE, OPEN_CREATE, CREATE, REMOVE -> new Grant.Paths(Intent.RW);
            case CONNECT_UNIX -> new Grant.Paths(Intent.UNIX);
            case BIND_TCP -> new Grant.Ports(AccessNet.BIND_TCP);
            case CONNECT_TCP -> new Grant.Ports(AccessNet.CONNECT_TCP);
            case BIND_UDP -> new Grant.Ports(AccessNet.BIND_UDP);
            case CONNECT_UDP -> new Grant.Ports(AccessNet.CONNECT_SEND_UDP);
        };
    }

    /** Whether the caller, unsandboxed, may do what {@code o} tried (file modes, as access(2) says). */
    private static boolean allowedWithoutSandbox(Operation o) {
        if (o.access().network()) {
            return true;
        }
        Optional<Path> path = TracedRun.path(o.path());
        if (path.isEmpty()) {
            return true;
        }
        Path p = path.get();
        Path parent = p.getParent() == null ? p : p.getParent();
        return switch (o.access()) {
            case READ, LIST -> Files.isReadable(p);
            case EXECUTE -> Files.isExecutable(p);
            case WRITE -> Files.isWritable(p);
            case OPEN_CREATE -> Files.exists(p) ? Files.isWritable(p) : Files.isWritable(parent);
            case CREATE, REMOVE -> Files.isWritable(parent);
            default -> true;
        };
    }

    private static boolean exists(String path) {
        return TracedRun.path(path).map(Files::exists).orElse(false);
    }

    /** A path as a shell word the user can paste: the very bytes, whatever they are. */
    private static String shell(String byteString) {
        return ShellWord.of(ByteStrings.decode(byteString.getBytes(StandardCharsets.ISO_8859_1), 0, byteString.length()));
    }
}
