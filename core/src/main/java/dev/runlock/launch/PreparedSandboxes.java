package dev.runlock.launch;

import dev.runlock.elf.ExecClosure;
import dev.runlock.elf.ExecutableResolver;
import dev.runlock.elf.LoaderEnvironment;
import dev.runlock.elf.ResolveException;
import dev.runlock.landlock.CompatibilityException;
import dev.runlock.landlock.Downgrade;
import dev.runlock.landlock.KernelSupport;
import dev.runlock.landlock.RulesetPlan;
import dev.runlock.landlock.kernel.KernelException;
import dev.runlock.landlock.kernel.LandlockKernel;
import dev.runlock.os.ByteStrings;
import dev.runlock.sandbox.AutoImport;
import dev.runlock.sandbox.Imports;
import dev.runlock.sandbox.Policy;
import dev.runlock.sandbox.PolicyException;
import dev.runlock.sandbox.Rulesets;
import dev.runlock.sandbox.Sandbox;
import java.lang.ref.Cleaner;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A policy's built rulesets, one per command (and LD_LIBRARY_PATH, which changes the libraries
 * imported): the policy → plan → ruleset steps the {@code runlock} command takes once per run,
 * taken here once per command. Closed by a cleaner when the policy is unreachable.
 */
final class PreparedSandboxes {
    private static final Cleaner CLEANER = Cleaner.create();

    /**
     * One command's sandbox, ready to restrict a thread with.
     *
     * @param executable the command's file, as found on PATH
     * @param ruleset the built ruleset, or empty if the plan enforces nothing
     */
    record Prepared(String executable, RulesetPlan plan, OptionalInt ruleset) {
    }

    private final Map<String, Prepared> byCommand;
    private final LandlockKernel kernel;

    private PreparedSandboxes(Map<String, Prepared> byCommand, LandlockKernel kernel) {
        this.byCommand = byCommand;
        this.kernel = kernel;
    }

    static PreparedSandboxes of(SandboxPolicy owner, LandlockKernel kernel) {
        Map<String, Prepared> map = new ConcurrentHashMap<>();
        // The action holds the map, never the policy: it runs once the policy is unreachable.
        CLEANER.register(owner, () -> map.values().forEach(p -> p.ruleset().ifPresent(kernel::close)));
        return new PreparedSandboxes(map, kernel);
    }

    /** The sandbox for {@code command} under {@code policy}, built on first use. */
    Prepared get(Policy policy, Imports imports, String command, String ldLibraryPath) throws SandboxException {
        String key = command + '\0' + ldLibraryPath;
        Prepared known = byCommand.get(key);
        if (known != null) {
            return known;
        }
        Prepared built = build(policy, imports, command, ldLibraryPath);
        Prepared raced = byCommand.putIfAbsent(key, built);
        if (raced != null) {
            built.ruleset().ifPresent(kernel::close);
            return raced;
        }
        return built;
    }

    private Prepared build(Policy policy, Imports imports, String command, String ldLibraryPath) throws SandboxException {
        ExecClosure closure;
        try {
            // Looked up on the JVM's PATH, as ProcessBuilder does.
            closure = new ExecutableResolver(new LoaderEnvironment(System.getenv("PATH"), ldLibraryPath)).resolve(command);
        } catch (ResolveException e) {
            throw new SpawnException("cannot run " + command + ": " + e.getMessage(), e);
        }
        Policy full = imports == Imports.NONE ? policy : policy.withPaths(AutoImport.grants(List.of(closure), imports));
        KernelSupport support = kernel.probe();
        RulesetPlan plan;
        try {
            plan = Downgrade.plan(Rulesets.request(full), support);
        } catch (PolicyException e) {
            throw new InvalidPolicyException(e.getMessage(), e);
        } catch (CompatibilityException e) {
            throw new UnsupportedKernelException(e);
        }
        try {
            return new Prepared(ByteStrings.string(closure.command()), plan, new Sandbox(kernel).build(plan));
        } catch (KernelException e) {
            throw new RestrictionException("cannot build the sandbox: " + e.getMessage(), e);
        }
    }
}
