package dev.runlock.cli;

import dev.runlock.cli.config.ConfigSection;
import dev.runlock.cli.preset.PresetEntry;
import dev.runlock.cli.text.Printable;
import dev.runlock.landlock.DroppedRule;
import dev.runlock.landlock.LandlockBit;
import dev.runlock.landlock.AccessFs;
import dev.runlock.landlock.Mptcp;
import dev.runlock.landlock.UnixSockets;
import dev.runlock.landlock.PathRule;
import dev.runlock.landlock.PortRule;
import dev.runlock.landlock.Ruleset;
import dev.runlock.landlock.RulesetPlan;
import dev.runlock.sandbox.Launch;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code --explain} and the info-level summary: the effective sandbox, rule by rule. Paths and
 * values come from the config and the environment, so each line is printed through {@link Printable}.
 */
final class ExplainPrinter {
    private final PrintWriter out;

    ExplainPrinter(PrintWriter out) {
        this.out = out;
    }

    void print(RulesetPlan plan, Launch command, Optional<ConfigSection> config, List<PresetEntry> skipped) {
        List<String> lines = new ArrayList<>();
        lines.add("command:     " + String.join(" ", quoted(List.of(command.path())))
                + command.argv().stream().skip(1).map(a -> " " + quoted(List.of(a)).getFirst()).collect(Collectors.joining()));
        lines.add("config:      " + config.map(c -> c.file() + " [" + c.name() + "]").orElse("none"));
        lines.add("environment: " + (command.env().isEmpty() ? "(empty)" : String.join(" ", quoted(command.env()))));
        lines.add("descriptors: 0 1 2" + command.keepFds().stream().sorted().map(fd -> " " + fd).collect(Collectors.joining()));
        lines.add("capabilities: " + (command.keepCapabilities()
                ? "kept (" + Option.KEEP_CAPABILITIES.longName() + "): run by root, the command has all of root's"
                : "none: the command starts without any, also when run by root"));
        lines.addAll(summary(plan));
        for (PresetEntry entry : skipped) {
            lines.add("not here:    " + entry.value() + "  " + entry.key().tomlName() + "  [preset " + entry.preset()
                    + ": " + entry.absence().orElseThrow() + "]");
        }
        lines.forEach(line -> out.println(Printable.of(line)));
        out.flush();
    }

    /** The ruleset in a few lines per rule, as logged at info level before the command runs. */
    static List<String> summary(RulesetPlan plan) {
        List<String> lines = new ArrayList<>();
        lines.add("kernel:      " + (plan.kernel().available() ? "Landlock " + plan.kernel().abi() : Wording.reason(plan.kernel())));
        lines.add("requested:   rights up to " + plan.target() + "; ruleset built for " + plan.abi());
        lines.add("enforcement: " + Wording.enforcement(plan.enforcement()) + (plan.applies() ? "" : " (no ruleset is applied)"));
        if (!plan.missing().isEmpty()) {
            lines.add("not restricted here: " + String.join(", ", Wording.features(plan.missing())));
        }
        String unrequested = Wording.unrequested(plan);
        if (!unrequested.isEmpty()) {
            lines.add("no warning:  " + unrequested);
        }
        for (DroppedRule dropped : plan.dropped()) {
            lines.add("dropped:     " + Wording.dropped(dropped));
        }
        String notice = Wording.notice(plan);
        if (!notice.isEmpty()) {
            lines.add("note:        " + notice);
        }
        Ruleset ruleset = plan.ruleset();
        lines.add("filesystem:  " + (ruleset.handledFs().isEmpty() ? "unrestricted" : "restricted, " + ruleset.pathRules().size() + " rules"));
        for (PathRule rule : ruleset.pathRules()) {
            lines.add("  " + rule.path() + (rule.directory() ? "/" : "") + "  " + names(rule.access()) + "  [" + rule.origin() + "]");
        }
        lines.add("network:     " + (ruleset.handledNet().isEmpty() ? "unrestricted"
                : "restricted (" + names(ruleset.handledNet()) + "), " + ruleset.portRules().size() + " port rules"));
        for (PortRule rule : ruleset.portRules()) {
            lines.add("  port " + rule.port() + "  " + names(rule.access()) + "  [" + rule.origin() + "]");
        }
        lines.add("scopes:      " + (ruleset.scopes().isEmpty() ? "none" : names(ruleset.scopes())));
        if (!ruleset.flags().isEmpty()) {
            lines.add("log flags:   " + names(ruleset.flags()));
        }
        lines.add("mptcp:       " + switch (Mptcp.of(plan)) {
            case BLOCKED_BY_SECCOMP -> "blocked by seccomp filter (falls back to TCP); so are SCTP, SMC, io_uring and i386 socketcall";
            case COVERED_BY_LANDLOCK -> "covered by the kernel's TCP rights; the seccomp filter blocks the rest "
                    + "(SCTP, SMC, io_uring, i386 socketcall)";
            case NOT_RESTRICTED -> "not restricted";
        });
        lines.add("unix sockets: " + switch (UnixSockets.of(plan)) {
            case COVERED_BY_LANDLOCK -> "only granted pathname sockets (Landlock " + AccessFs.RESOLVE_UNIX.since() + ")";
            case BLOCKED_BY_SECCOMP -> "none: Landlock " + plan.abi() + " cannot restrict pathname sockets, so "
                    + "runlock's seccomp filter refuses socket(AF_UNIX) (EACCES; socketpair works, io_uring and i386 "
                    + "socketcall sockets fail)";
            case OPEN_FOR_GRANT -> "every pathname socket is reachable: " + Option.UNIX.longName() + " needs "
                    + AccessFs.RESOLVE_UNIX.since() + ", so the UNIX socket guard is off";
            case NOT_RESTRICTED -> "not restricted";
        });
        lines.add("terminal:    " + StatusCommand.TERMINAL_GUARD);
        return lines;
    }

    /** Shell-style quoting for values with spaces or quotes, so the line reads unambiguously. */
    private static List<String> quoted(List<String> values) {
        return values.stream().map(v -> v.isEmpty() || v.chars().anyMatch(c -> c <= ' ' || c == '\'' || c == '"')
                ? "'" + v.replace("'", "'\\''") + "'" : v).toList();
    }

    private static String names(Collection<? extends LandlockBit> bits) {
        return bits.stream().sorted((a, b) -> Long.compare(a.bit(), b.bit())).map(b -> ((Enum<?>) b).name().toLowerCase(Locale.ROOT))
                .distinct().collect(Collectors.joining(","));
    }
}
