package dev.runlock.bench;

import dev.runlock.landlock.AccessFs;
import dev.runlock.landlock.Abi;
import dev.runlock.landlock.KernelSupport;
import dev.runlock.landlock.LandlockBit;
import dev.runlock.landlock.kernel.KernelException;
import dev.runlock.landlock.kernel.LandlockKernel.RulesetAttr;
import dev.runlock.landlock.kernel.LinuxKernel;
import java.nio.file.Path;
import java.util.EnumSet;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * In process, warm: the Landlock system calls runlock makes, through its one FFM downcall.
 * Never calls {@code landlock_restrict_self}: the benchmark JVM stays unsandboxed.
 */
public class KernelBenchmark extends InProcess {
    private LinuxKernel kernel;
    private Abi abi;
    private RulesetAttr attr;
    private long readOnly;
    private int usr;

    @Setup
    public void setUp() throws KernelException {
        kernel = new LinuxKernel();
        KernelSupport support = kernel.probe();
        if (!support.available()) {
            throw new IllegalStateException("ruleset benchmark skipped: Landlock is " + support.availability());
        }
        abi = support.abi();
        attr = new RulesetAttr(LandlockBit.mask(AccessFs.upTo(abi)), 0, 0);
        readOnly = LandlockBit.mask(EnumSet.of(AccessFs.READ_FILE, AccessFs.READ_DIR));
        usr = kernel.openPath(Path.of("/usr"));
    }

    @TearDown
    public void tearDown() {
        kernel.close(usr);
    }

    /** Two {@code landlock_create_ruleset} queries: ABI version and errata. */
    @Benchmark
    public KernelSupport probe(CpuTime.OfThread cpu) {
        cpu.count();
        return kernel.probe();
    }

    /** Create a ruleset, add one path rule, close it. */
    @Benchmark
    public int createRuleset(CpuTime.OfThread cpu) throws KernelException {
        cpu.count();
        int ruleset = kernel.createRuleset(attr, abi);
        try {
            kernel.addPathRule(ruleset, readOnly, usr);
        } finally {
            kernel.close(ruleset);
        }
        return ruleset;
    }
}
