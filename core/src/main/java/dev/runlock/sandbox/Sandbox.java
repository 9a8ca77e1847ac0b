package dev.runlock.sandbox;

import dev.runlock.landlock.Erratum;
import dev.runlock.landlock.LandlockBit;
import dev.runlock.landlock.PathRule;
import dev.runlock.landlock.PortRule;
import dev.runlock.landlock.RulesetPlan;
import dev.runlock.landlock.kernel.KernelException;
import dev.runlock.landlock.kernel.LandlockKernel;
import dev.runlock.landlock.kernel.LandlockKernel.RulesetAttr;

/**
 * Applies a planned ruleset to the calling thread, which must be the thread that then execs.
 * Irreversible: the thread and everything it starts stay sandboxed.
 */
public final class Sandbox {
    private final LandlockKernel kernel;

    public Sandbox(LandlockKernel kernel) {
        this.kernel = kernel;
    }

    /** Whether the MPTCP hole must be closed by a seccomp filter for this plan. */
    public static boolean needsMptcpGuard(RulesetPlan plan) {
        return plan.restrictsTcp() && plan.kernel().has(Erratum.TCP_SOCKET_IDENTIFICATION);
    }

    /**
     * Sets no_new_privs (always, as a sandbox should), then, if the plan applies, creates the
     * ruleset, adds its rules, closes the MPTCP hole when needed and restricts this thread.
     */
    public void enforce(RulesetPlan plan) throws KernelException {
        kernel.setNoNewPrivs();
        if (!plan.applies()) {
            return;
        }
        int ruleset = kernel.createRuleset(new RulesetAttr(LandlockBit.mask(plan.handledFs()),
                LandlockBit.mask(plan.handledNet()), LandlockBit.mask(plan.scopes())), plan.kernel().abi());
        try {
            for (PathRule rule : plan.pathRules()) {
                int fd = kernel.openPath(rule.path());
                try {
                    kernel.addPathRule(ruleset, LandlockBit.mask(rule.access()), fd);
                } finally {
                    kernel.close(fd);
                }
            }
            for (PortRule rule : plan.portRules()) {
                kernel.addPortRule(ruleset, LandlockBit.mask(rule.access()), rule.port());
            }
            if (needsMptcpGuard(plan)) {
                kernel.blockMptcp();
            }
            kernel.restrictSelf(ruleset, LandlockBit.mask(plan.flags()));
        } finally {
            kernel.close(ruleset);
        }
    }
}
