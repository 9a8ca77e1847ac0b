package dev.runlock.bench;

import dev.runlock.elf.ExecClosure;
import dev.runlock.elf.ExecutableResolver;
import dev.runlock.elf.LoaderEnvironment;
import dev.runlock.landlock.Downgrade;
import dev.runlock.landlock.KernelSupport;
import dev.runlock.landlock.PathRule;
import dev.runlock.landlock.RulesetPlan;
import dev.runlock.landlock.kernel.LinuxKernel;
import dev.runlock.sandbox.AutoImport;
import dev.runlock.sandbox.Imports;
import dev.runlock.sandbox.Policy;
import dev.runlock.sandbox.Rulesets;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * In process, warm: what {@code runlock -- COMMAND} does between parsing its options and
 * enforcing, for a default policy. Resolve the command's ELF closure (a new resolver each time,
 * so {@code /etc/ld.so.cache} is read each time, as in one run), turn the auto-imported grants
 * into a ruleset request, fit it to the kernel, and open and close each rule's path.
 */
public class PreparationBenchmark extends InProcess {

    @Param({"/bin/true", "/bin/bash", "/usr/bin/python3"})
    public String command;

    private LinuxKernel kernel;
    private KernelSupport support;
    private Policy defaults;

    @Setup
    public void setUp() {
        kernel = new LinuxKernel();
        support = kernel.probe();
        defaults = Policy.builder().build();
    }

    @Benchmark
    public RulesetPlan prepare(CpuTime.OfThread cpu) throws Exception {
        cpu.count();
        ExecClosure closure = new ExecutableResolver(new LoaderEnvironment("/usr/bin:/bin", null)).resolve(command);
        Policy policy = defaults.withPaths(AutoImport.grants(List.of(closure), Imports.ALL));
        RulesetPlan plan = Downgrade.plan(Rulesets.request(policy), support);
        for (PathRule rule : plan.ruleset().pathRules()) {
            kernel.close(kernel.openPath(rule.path()));
        }
        return plan;
    }
}
