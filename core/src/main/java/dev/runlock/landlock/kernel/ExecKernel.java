package dev.runlock.landlock.kernel;

import dev.runlock.os.ByteStrings;
import java.util.List;
import java.util.Set;

/** The calls that hand the process over to the command: descriptor and signal hygiene, execve. */
public interface ExecKernel {

    /** Empties the calling thread's signal mask (the JVM blocks some signals). */
    void clearSignalMask() throws KernelException;

    /**
     * Sets SIG_IGN for every signal in {@code mask} (bit N-1 for signal N, as /proc shows SigIgn):
     * the JVM installs handlers for some signals the caller ignored, and execve resets handlers
     * to the default, not to "ignored".
     */
    void ignoreSignals(long mask) throws KernelException;

    /**
     * Marks every descriptor from 3 up close-on-exec, and clears that flag on {@code keep}, so
     * execve closes exactly the others while the JVM keeps working if execve fails.
     *
     * @throws KernelException EBADF naming a descriptor of {@code keep} that is not open
     */
    void closeOnExecAbove2(Set<Integer> keep) throws KernelException;

    /** Makes the open directory {@code fd} the working directory. */
    void changeDirectory(int fd) throws KernelException;

    /** Starts a new session (setsid): the process loses its controlling terminal. */
    void newSession() throws KernelException;

    /**
     * Removes every capability from the bounding set ({@code PR_CAPBSET_DROP}, up to the kernel's
     * last capability), so that an execve as root cannot give any back. Without
     * {@code CAP_SETPCAP} (an unprivileged caller) the kernel refuses: then this does nothing, as
     * there is nothing an exec under no_new_privs could gain.
     */
    void dropBoundingCapabilities() throws KernelException;

    /**
     * Makes the calling thread's process get SIGKILL when its parent ends ({@code PR_SET_PDEATHSIG},
     * kept across execve), then checks that the parent is still {@code parent}.
     *
     * @throws KernelException ESRCH when the parent already ended
     */
    void endWithParent(long parent) throws KernelException;

    /** Empties the ambient capability set ({@code PR_CAP_AMBIENT_CLEAR_ALL}). */
    void clearAmbientCapabilities() throws KernelException;

    /** Empties the effective, permitted and inheritable capability sets ({@code capset}). */
    void clearCapabilities() throws KernelException;

    /**
     * Replaces the process image; returns only by throwing. The strings are {@link ByteStrings}:
     * the kernel gets the bytes they stand for.
     */
    void execve(String path, List<String> argv, List<String> envp) throws KernelException;
}
