/**
 * runlock as a library: sandboxed child processes from a running JVM.
 * {@link dev.runlock.launch.SandboxPolicy} says what a child may do,
 * {@link dev.runlock.launch.SandboxedProcessBuilder} starts it and returns a
 * {@link java.lang.Process} with the enforcement report
 * ({@link dev.runlock.launch.SandboxedProcess}); failures are
 * {@link dev.runlock.launch.SandboxException}s and start nothing.
 *
 * <p>Shares the {@code runlock} command's steps (policy, auto-import, plan, ruleset); only the
 * last differs: instead of restricting itself and exec'ing, the JVM restricts one new thread per
 * child, which spawns it and ends. Depends on {@code sandbox}, {@code landlock},
 * {@code landlock.kernel} and {@code elf}; nothing depends on it.
 */
package dev.runlock.launch;
