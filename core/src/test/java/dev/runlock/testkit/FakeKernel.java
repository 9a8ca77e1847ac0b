package dev.runlock.testkit;

import dev.runlock.landlock.Abi;
import dev.runlock.landlock.Errno;
import dev.runlock.landlock.KernelSupport;
import dev.runlock.landlock.kernel.Kernel;
import dev.runlock.landlock.kernel.KernelException;
import dev.runlock.landlock.kernel.SeccompGuards;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A kernel that records every call as one line, hands out descriptors from 10 up, tracks which
 * are still open, and fails any named call with a chosen errno. {@code execve} fails with
 * ENOENT unless told otherwise, since the real one never returns.
 */
public final class FakeKernel implements Kernel {
    private final KernelSupport support;
    private final List<String> calls = new ArrayList<>();
    private final Map<String, Integer> failures = new HashMap<>();
    private final Set<Integer> open = new HashSet<>();
    private int nextFd = 10;

    public FakeKernel(KernelSupport support) {
        this.support = support;
        failures.put("execve", Errno.ENOENT);
    }

    /** A kernel with Landlock at {@code abi}, without errata; {@link Abi#NONE} is a kernel without Landlock (ENOSYS). */
    public static FakeKernel of(Abi abi) {
        return new FakeKernel(abi == Abi.NONE ? KernelSupport.unavailable(KernelSupport.Availability.ABSENT, Errno.ENOSYS)
                : KernelSupport.enabled(abi.number(), 0));
    }

    /** Makes every later call named {@code call} (e.g. {@code createRuleset}) fail with {@code errno}. */
    public FakeKernel failing(String call, int errno) {
        failures.put(call, errno);
        return this;
    }

    public List<String> calls() {
        return calls;
    }

    /** Descriptors handed out and not closed. */
    public Set<Integer> openDescriptors() {
        return new TreeSet<>(open);
    }

    private void call(String name, String line) throws KernelException {
        calls.add(line);
        Integer errno = failures.get(name);
        if (errno != null) {
            throw new KernelException(name, errno);
        }
    }

    private int newFd() {
        int fd = nextFd++;
        open.add(fd);
        return fd;
    }

    @Override
    public KernelSupport probe() {
        return support;
    }

    @Override
    public int createRuleset(RulesetAttr attr, Abi abi) throws KernelException {
        call("createRuleset", "createRuleset fs=0x%x net=0x%x scoped=0x%x for %s".formatted(
                attr.handledAccessFs(), attr.handledAccessNet(), attr.scoped(), abi));
        return newFd();
    }

    @Override
    public void addPathRule(int rulesetFd, long allowedAccess, int parentFd) throws KernelException {
        call("addPathRule", "addPathRule %d 0x%x fd %d".formatted(rulesetFd, allowedAccess, parentFd));
    }

    @Override
    public void addPortRule(int rulesetFd, long allowedAccess, int port) throws KernelException {
        call("addPortRule", "addPortRule %d 0x%x port %d".formatted(rulesetFd, allowedAccess, port));
    }

    @Override
    public void restrictSelf(int rulesetFd, long flags) throws KernelException {
        call("restrictSelf", "restrictSelf %d flags 0x%x".formatted(rulesetFd, flags));
    }

    @Override
    public void setNoNewPrivs() throws KernelException {
        call("setNoNewPrivs", "setNoNewPrivs");
    }

    @Override
    public void installSeccompFilter(SeccompGuards guards) throws KernelException {
        call("installSeccompFilter", "installSeccompFilter tcp=" + guards.tcp() + " unix=" + guards.unixSockets());
    }

    @Override
    public int openPath(Path path) throws KernelException {
        calls.add("openPath " + path);
        Integer errno = failures.get("openPath");
        if (errno != null) {
            throw new KernelException("open " + path, errno);
        }
        return newFd();
    }

    @Override
    public void close(int fd) {
        calls.add("close " + fd);
        open.remove(fd);
    }

    @Override
    public void clearSignalMask() throws KernelException {
        call("clearSignalMask", "clearSignalMask");
    }

    @Override
    public void ignoreSignals(long mask) throws KernelException {
        call("ignoreSignals", "ignoreSignals " + Long.toHexString(mask));
    }

    @Override
    public void closeOnExecAbove2(Set<Integer> keep) throws KernelException {
        call("closeOnExecAbove2", "closeOnExecAbove2 keep " + new TreeSet<>(keep));
    }

    @Override
    public void changeDirectory(int fd) throws KernelException {
        call("changeDirectory", "changeDirectory " + fd);
    }

    @Override
    public void newSession() throws KernelException {
        call("newSession", "newSession");
    }

    @Override
    public void endWithParent(long parent) throws KernelException {
        call("endWithParent", "endWithParent " + parent);
    }

    @Override
    public void dropBoundingCapabilities() throws KernelException {
        call("dropBoundingCapabilities", "dropBoundingCapabilities");
    }

    @Override
    public void clearAmbientCapabilities() throws KernelException {
        call("clearAmbientCapabilities", "clearAmbientCapabilities");
    }

    @Override
    public void clearCapabilities() throws KernelException {
        call("clearCapabilities", "clearCapabilities");
    }

    @Override
    public void execve(String path, List<String> argv, List<String> envp) throws KernelException {
        call("execve", "execve " + path + " " + argv + " " + envp);
    }
}
