package dev.runlock.landlock.kernel;

import dev.runlock.landlock.Abi;
import dev.runlock.landlock.KernelSupport;
import java.nio.file.Path;

/**
 * The one boundary between runlock and the kernel's Landlock: everything that builds and
 * enforces a sandbox goes through here, so tests can fake any ABI, ENOSYS or EOPNOTSUPP.
 */
public interface LandlockKernel {

    /** Asks the kernel for its Landlock ABI and errata. Never throws. */
    KernelSupport probe();

    /**
     * Creates a ruleset; the attribute struct is sized for {@code abi}.
     *
     * @return the ruleset descriptor (close-on-exec)
     */
    int createRuleset(RulesetAttr attr, Abi abi) throws KernelException;

    void addPathRule(int rulesetFd, long allowedAccess, int parentFd) throws KernelException;

    void addPortRule(int rulesetFd, long allowedAccess, int port) throws KernelException;

    void restrictSelf(int rulesetFd, long flags) throws KernelException;

    /** Sets no_new_privs on the calling thread, as {@code restrict_self} requires. */
    void setNoNewPrivs() throws KernelException;

    /**
     * Installs runlock's seccomp filter on the calling thread: terminal input injection
     * ({@code TIOCSTI}, {@code TIOCLINUX}) fails with EPERM; {@code guards} says which ways around
     * Landlock's rights fail too (see {@link SeccompGuards}). Needs no_new_privs.
     */
    void installSeccompFilter(SeccompGuards guards) throws KernelException;

    /** Opens a rule's path with {@code O_PATH | O_CLOEXEC}, following symlinks. */
    int openPath(Path path) throws KernelException;

    void close(int fd);

    /** The masks of a ruleset: {@code struct landlock_ruleset_attr}. */
    record RulesetAttr(long handledAccessFs, long handledAccessNet, long scoped) {
    }
}
