package dev.runlock.sandbox;

import dev.runlock.landlock.LandlockBit;
import dev.runlock.landlock.PathRule;
import dev.runlock.landlock.PortRule;
import dev.runlock.landlock.RestrictFlag;
import dev.runlock.landlock.Ruleset;
import dev.runlock.landlock.RulesetPlan;
import dev.runlock.landlock.UnixSockets;
import dev.runlock.landlock.kernel.KernelException;
import dev.runlock.landlock.kernel.LandlockKernel;
import dev.runlock.landlock.kernel.LandlockKernel.RulesetAttr;
import dev.runlock.landlock.kernel.SeccompGuards;
import java.util.OptionalInt;

/**
 * Applies a planned ruleset to the calling thread, which must be the thread that then execs or
 * spawns. Irreversible: the thread and everything it starts stay sandboxed.
 */
public final class Sandbox {
    private final LandlockKernel kernel;

    public Sandbox(LandlockKernel kernel) {
        this.kernel = kernel;
    }

    /**
     * The whole enforcement on the calling thread: {@link #build}, then {@link #restrict}, then
     * the ruleset is closed. What the exec path does; the library launch calls the two steps
     * itself, building once and restricting one new thread per child.
     */
    public void enforce(RulesetPlan plan) throws KernelException {
        OptionalInt ruleset = build(plan);
        try {
            restrict(plan, ruleset);
        } finally {
            ruleset.ifPresent(kernel::close);
        }
    }

    /**
     * Creates the plan's ruleset and adds its rules, restricting nobody: the descriptor can be
     * handed to {@link #restrict} on any number of threads, and the caller closes it.
     *
     * @return the ruleset descriptor (close-on-exec), or empty if the plan enforces nothing
     */
    public OptionalInt build(RulesetPlan plan) throws KernelException {
        if (!plan.applies()) {
            return OptionalInt.empty();
        }
        Ruleset rules = plan.ruleset();
        int ruleset = kernel.createRuleset(new RulesetAttr(LandlockBit.mask(rules.handledFs()),
                LandlockBit.mask(rules.handledNet()), LandlockBit.mask(rules.scopes())), plan.kernel().abi());
        try {
            for (PathRule rule : rules.pathRules()) {
                int fd = kernel.openPath(rule.path());
                try {
                    kernel.addPathRule(ruleset, LandlockBit.mask(rule.access()), fd);
                } finally {
                    kernel.close(fd);
                }
            }
            for (PortRule rule : rules.portRules()) {
                kernel.addPortRule(ruleset, LandlockBit.mask(rule.access()), rule.port());
            }
            return OptionalInt.of(ruleset);
        } catch (KernelException | RuntimeException e) {
            kernel.close(ruleset);
            throw e;
        }
    }

    /**
     * Restricts the calling thread with {@code ruleset} (from {@link #build} for the same plan):
     * sets no_new_privs and installs the seccomp filter against terminal injection (always, as a
     * sandbox should; the filter also closes the holes around TCP rights and pathname UNIX sockets
     * when needed: {@link #guards}), then restricts. From ABI 11 on, {@code restrict_self} sets no_new_privs itself once the
     * enforcement succeeded and the filter (which needs it) follows: a failed enforcement leaves
     * no_new_privs unset. All three attach to this thread only (never TSYNC unless the plan's
     * flags ask for it) and pass to what it starts.
     */
    public void restrict(RulesetPlan plan, OptionalInt ruleset) throws KernelException {
        SeccompGuards guards = guards(plan);
        boolean byRestrictSelf = ruleset.isPresent() && plan.abi().atLeast(RestrictFlag.NO_NEW_PRIVS.since());
        if (!byRestrictSelf) {
            kernel.setNoNewPrivs();
            kernel.installSeccompFilter(guards);
        }
        if (ruleset.isEmpty()) {
            return;
        }
        kernel.restrictSelf(ruleset.getAsInt(), LandlockBit.mask(plan.ruleset().flags())
                | (byRestrictSelf ? RestrictFlag.NO_NEW_PRIVS.bit() : 0));
        if (byRestrictSelf) {
            kernel.installSeccompFilter(guards);
        }
    }

    /**
     * The filter's guards for {@code plan}: the TCP guard whenever TCP is restricted (MPTCP, SCTP
     * and SMC escape TCP rights with erratum 1, and the guard costs nothing where they do not),
     * the UNIX socket guard where {@link UnixSockets#of} says so.
     */
    public static SeccompGuards guards(RulesetPlan plan) {
        return new SeccompGuards(plan.ruleset().restrictsTcp(), UnixSockets.of(plan) == UnixSockets.BLOCKED_BY_SECCOMP);
    }
}
