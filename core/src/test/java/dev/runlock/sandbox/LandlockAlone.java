package dev.runlock.sandbox;

import dev.runlock.landlock.Abi;
import dev.runlock.landlock.KernelSupport;
import dev.runlock.landlock.kernel.KernelException;
import dev.runlock.landlock.kernel.LandlockKernel;
import dev.runlock.landlock.kernel.SeccompGuards;
import java.nio.file.Path;

/**
 * A kernel that enforces the Landlock ruleset and installs no seccomp filter: the sandbox as
 * Landlock alone makes it, so that a test can show the gap each of runlock's guards closes.
 * Tests only; runlock has no such option.
 */
record LandlockAlone(LandlockKernel kernel) implements LandlockKernel {
    @Override
    public KernelSupport probe() {
        return kernel.probe();
    }

    @Override
    public int createRuleset(RulesetAttr attr, Abi abi) throws KernelException {
        return kernel.createRuleset(attr, abi);
    }

    @Override
    public void addPathRule(int rulesetFd, long allowedAccess, int parentFd) throws KernelException {
        kernel.addPathRule(rulesetFd, allowedAccess, parentFd);
    }

    @Override
    public void addPortRule(int rulesetFd, long allowedAccess, int port) throws KernelException {
        kernel.addPortRule(rulesetFd, allowedAccess, port);
    }

    @Override
    public void restrictSelf(int rulesetFd, long flags) throws KernelException {
        kernel.restrictSelf(rulesetFd, flags);
    }

    @Override
    public void setNoNewPrivs() throws KernelException {
        kernel.setNoNewPrivs();
    }

    @Override
    public void installSeccompFilter(SeccompGuards guards) {
        // Landlock alone: no filter.
    }

    @Override
    public int openPath(Path path) throws KernelException {
        return kernel.openPath(path);
    }

    @Override
    public void close(int fd) {
        kernel.close(fd);
    }
}
