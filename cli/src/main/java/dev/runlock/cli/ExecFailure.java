package dev.runlock.cli;

import dev.runlock.elf.ExecClosure;
import dev.runlock.elf.FileRole;
import dev.runlock.elf.ResolvedFile;
import dev.runlock.landlock.AccessFs;
import dev.runlock.landlock.Errno;
import dev.runlock.landlock.PathRule;
import dev.runlock.landlock.RulesetPlan;
import dev.runlock.landlock.kernel.KernelException;
import dev.runlock.sandbox.Launch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Says why execve failed: which file lacks which right, and the flag that grants it. */
final class ExecFailure {
    private ExecFailure() {
    }

    static String explain(KernelException failure, Launch command, ExecClosure closure, RulesetPlan plan) {
        if (failure.call().equals("setsid")) {
            // Only the launcher can avoid this: it starts the JVM as a child when runlock would lead its group.
            return "--new-session: " + failure.getMessage() + ": runlock leads its process group; start it with the runlock launcher";
        }
        String prefix = "cannot execute " + command.path() + ": ";
        return switch (failure.errno()) {
            case Errno.EACCES -> prefix + denied(closure, plan);
            case Errno.ENOENT -> prefix + "no such file or directory" + missingInterpreter(closure);
            case Errno.ENOEXEC -> prefix + "exec format error (not a program this kernel can run)";
            default -> prefix + Errno.describe(failure.errno()) + " (" + Errno.name(failure.errno()) + ")";
        };
    }

    private static String denied(ExecClosure closure, RulesetPlan plan) {
        if (plan.applies() && !plan.ruleset().handledFs().isEmpty()) {
            for (ResolvedFile file : closure.files()) {
                if (!file.role().needsExecute()) {
                    continue;
                }
                Set<AccessFs> missing = EnumSet.of(AccessFs.READ_FILE, AccessFs.EXECUTE);
                missing.removeAll(granted(real(file.path()), plan.ruleset().pathRules()));
                missing.retainAll(plan.ruleset().handledFs());
                if (!missing.isEmpty()) {
                    return "permission denied: the sandbox does not allow " + names(missing) + " on " + file.path()
                            + " (" + file.role().relation() + "); grant it with " + Option.ROX.longName() + " " + file.path()
                            + " or leave auto-import on (no " + Option.DISABLE_AUTO_IMPORT.names().getFirst() + ")";
                }
            }
        }
        return "permission denied (the sandbox allows it: check the file's mode and the mount's noexec)";
    }

    private static Set<AccessFs> granted(Path file, List<PathRule> rules) {
        Set<AccessFs> granted = EnumSet.noneOf(AccessFs.class);
        for (PathRule rule : rules) {
            Path root = real(rule.path());
            if (file.equals(root) || (rule.directory() && file.startsWith(root))) {
                granted.addAll(rule.access());
            }
        }
        return granted;
    }

    private static String missingInterpreter(ExecClosure closure) {
        for (ResolvedFile file : closure.files()) {
            if (file.role() == FileRole.ELF_INTERPRETER && !file.path().toFile().exists()) {
                return " (its ELF interpreter " + file.path() + " is missing)";
            }
        }
        return "";
    }

    private static Path real(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    private static String names(Set<AccessFs> rights) {
        return String.join(" and ", rights.stream().map(AccessFs::feature).toList());
    }
}
