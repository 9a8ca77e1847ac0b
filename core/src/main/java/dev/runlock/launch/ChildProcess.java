package dev.runlock.launch;

import dev.runlock.landlock.Errno;
import dev.runlock.landlock.kernel.KernelException;
import dev.runlock.landlock.kernel.ProcessCalls;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A child started by {@code posix_spawn}, reaped by a thread of this class's pool. The pool's
 * threads are created by the launching caller, never by a restricted thread, so nothing they run
 * (the {@link #onExit()} callbacks) is sandboxed.
 */
final class ChildProcess extends Process {
    private static final int SIGTERM = 15;
    private static final int SIGKILL = 9;
    private static final Executor REAPERS = Executors.newCachedThreadPool(task ->
            Thread.ofPlatform().name("runlock-reaper").daemon(true).unstarted(task));

    private final int pid;
    private final OutputStream stdin;
    private final InputStream stdout;
    private final InputStream stderr;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    /** Held while reaping and while signalling, so a signal never reaches a reused pid. */
    private final Object reaping = new Object();
    private boolean reaped;

    ChildProcess(int pid, OutputStream stdin, InputStream stdout, InputStream stderr) {
        this.pid = pid;
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
        REAPERS.execute(this::reap);
    }

    private void reap() {
        try {
            ProcessCalls.awaitExit(pid);
            int status;
            synchronized (reaping) {
                status = ProcessCalls.reap(pid);
                reaped = true;
            }
            exit.complete(status);
        } catch (KernelException | RuntimeException e) {
            exit.completeExceptionally(e);
        }
    }

    @Override
    public OutputStream getOutputStream() {
        return stdin;
    }

    @Override
    public InputStream getInputStream() {
        return stdout;
    }

    @Override
    public InputStream getErrorStream() {
        return stderr;
    }

    @Override
    public int waitFor() throws InterruptedException {
        try {
            return exit.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot wait for process " + pid, e.getCause());
        }
    }

    @Override
    public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
        try {
            exit.get(timeout, unit);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot wait for process " + pid, e.getCause());
        }
    }

    @Override
    public int exitValue() {
        if (!exit.isDone()) {
            throw new IllegalThreadStateException("process " + pid + " has not exited");
        }
        return exit.join();
    }

    @Override
    public boolean isAlive() {
        return !exit.isDone();
    }

    @Override
    public CompletableFuture<Process> onExit() {
        return exit.handle((status, failure) -> this);
    }

    @Override
    public void destroy() {
        signal(SIGTERM);
    }

    @Override
    public Process destroyForcibly() {
        signal(SIGKILL);
        return this;
    }

    @Override
    public boolean supportsNormalTermination() {
        return true;
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public ProcessHandle toHandle() {
        return ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("process " + pid + " has exited"));
    }

    private void signal(int signal) {
        synchronized (reaping) {
            if (reaped) {
                return;
            }
            try {
                ProcessCalls.kill(pid, signal);
            } catch (KernelException e) {
                if (e.errno() != Errno.ESRCH) {
                    throw new IllegalStateException("cannot signal process " + pid, e);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "ChildProcess[pid=" + pid + ", exitValue=" + (exit.isDone() ? exit.join() : "\"not exited\"") + "]";
    }
}
