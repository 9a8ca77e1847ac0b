package dev.runlock.cli;

import dev.runlock.cli.config.ConfigSection;
import dev.runlock.cli.persistence.PersistencePoints;
import dev.runlock.cli.preset.PresetEntry;
import dev.runlock.cli.text.Printable;
import dev.runlock.landlock.AccessFs;
import dev.runlock.landlock.DroppedRule;
import dev.runlock.landlock.Mptcp;
import dev.runlock.landlock.PathRule;
import dev.runlock.landlock.PortRule;
import dev.runlock.landlock.Ruleset;
import dev.runlock.landlock.RulesetPlan;
import dev.runlock.sandbox.Launch;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
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

    /** @param detail whether each path rule also lists its rights by their kernel names (at debug level) */
    void print(RulesetPlan plan, Launch command, Optional<ConfigSection> config, List<PresetEntry> skipped,
               PersistencePoints points, boolean detail) {
        List<String> lines = new ArrayList<>();
        lines.add("command:     " + String.join(" ", quoted(List.of(command.path())))
                + command.argv().stream().skip(1).map(a -> " " + quoted(List.of(a)).getFirst()).collect(Collectors.joining()));
        lines.add("config:      " + config.map(c -> c.file() + " [" + c.name() + "]").orElse("none"));
        lines.add("environment: " + (command.env().isEmpty() ? "(empty)" : String.join(" ", quoted(command.env()))));
        lines.add("descriptors: 0 1 2" + command.keepFds().stream().sorted().map(fd -> " " + fd).collect(Collectors.joining()));
        lines.addAll(summary(plan, detail));
        for (PresetEntry entry : skipped) {
            lines.add("not here:    " + entry.value() + "  " + entry.key().tomlName() + "  [preset " + entry.preset()
                    + ": " + entry.absence().orElseThrow() + "]");
        }
        lines.addAll(persistence(plan, points));
        lines.forEach(line -> out.println(Printable.of(line)));
        out.flush();
    }

    /**
     * Each persistence point a writable rule reaches, with the grant that opened it: Landlock
     * cannot carve a path out of a granted tree, so the user must hear what the sandbox can plant.
     */
    private static List<String> persistence(RulesetPlan plan, PersistencePoints points) {
        List<String> lines = new ArrayList<>();
        for (PathRule rule : plan.ruleset().pathRules()) {
            if (rule.access().contains(AccessFs.WRITE_FILE) || rule.access().contains(AccessFs.MAKE_REG)) {
                for (Path point : points.within(rule.path())) {
                    lines.add("persistence: " + point + " writable through " + rule.path() + (rule.directory() ? "/" : "")
                            + " [" + rule.origin() + "] (code outside the sandbox runs or trusts it later)");
                }
            }
        }
        return lines;
    }

    /**
     * The ruleset in a few lines per rule, as logged at info level before the command runs; one
     * line per path, whatever the number of grants on it.
     */
    static List<String> summary(RulesetPlan plan, boolean detail) {
        List<String> lines = new ArrayList<>();
        lines.add("kernel:      " + (plan.kernel().available() ? "Landlock " + plan.kernel().abi() : Wording.reason(plan.kernel())));
        lines.add("requested:   rights up to " + plan.target() + "; ruleset built for " + plan.abi());
        lines.add("enforcement: " + Wording.enforcement(plan) + (plan.applies() ? "" : " (no ruleset is applied)"));
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
        for (DroppedRule optional : plan.optional()) {
            lines.add("optional:    " + Wording.dropped(optional) + " (not enforceable here; a preset's, so no warning)");
        }
        String notice = Wording.notice(plan);
        if (!notice.isEmpty()) {
            lines.add("note:        " + notice);
        }
        Ruleset ruleset = plan.ruleset();
        List<PathRule> paths = merged(ruleset.pathRules());
        lines.add("filesystem:  " + (ruleset.handledFs().isEmpty() ? "unrestricted" : "restricted, " + paths.size() + " paths"));
        for (PathRule rule : paths) {
            String rights = RightWords.of(rule.access(), rule.directory(), ruleset.handledFs());
            lines.add("  " + rule.path() + (rule.directory() && rule.path().getNameCount() > 0 ? "/" : "") + "  " + rights
                    + (detail ? " (" + RightWords.names(rule.access()) + ")" : "") + "  [" + rule.origin() + "]");
        }
        lines.add("network:     " + (ruleset.handledNet().isEmpty() ? "unrestricted"
                : "restricted (" + RightWords.names(ruleset.handledNet()) + "), " + ruleset.portRules().size() + " port rules"));
        for (PortRule rule : ruleset.portRules()) {
            lines.add("  port " + rule.port() + "  " + RightWords.names(rule.access()) + "  [" + rule.origin() + "]");
        }
        lines.add("scopes:      " + (ruleset.scopes().isEmpty() ? "none" : RightWords.names(ruleset.scopes())));
        if (!ruleset.flags().isEmpty()) {
            lines.add("log flags:   " + RightWords.names(ruleset.flags()));
        }
        lines.add("mptcp:       " + switch (Mptcp.of(plan)) {
            case BLOCKED_BY_SECCOMP -> "blocked by seccomp filter (falls back to TCP); so are SCTP, SMC, TCP Fast Open, io_uring and i386 socketcall";
            case COVERED_BY_LANDLOCK -> "covered by the kernel's TCP rights; the seccomp filter blocks the rest "
                    + "(SCTP, SMC, TCP Fast Open, io_uring, i386 socketcall)";
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

    /**
     * One rule per path, in the order paths first appear: the kernel grants the union of the
     * rules on one file, so that is what is shown, with every origin.
     */
    private static List<PathRule> merged(List<PathRule> rules) {
        Map<Path, List<PathRule>> byPath = new LinkedHashMap<>();
        rules.forEach(rule -> byPath.computeIfAbsent(rule.path(), p -> new ArrayList<>()).add(rule));
        return byPath.values().stream().map(same -> {
            Set<AccessFs> access = EnumSet.noneOf(AccessFs.class);
            same.forEach(rule -> access.addAll(rule.access()));
            String origins = same.stream().map(PathRule::origin).distinct().collect(Collectors.joining(", "));
            return new PathRule(same.getFirst().path(), same.getFirst().directory(), access, origins);
        }).toList();
    }
}
