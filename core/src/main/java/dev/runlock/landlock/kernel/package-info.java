/**
 * The kernel boundary: {@link dev.runlock.landlock.kernel.LandlockKernel} and
 * {@link dev.runlock.landlock.kernel.ExecKernel}, their FFM implementation, struct layouts,
 * per-architecture syscall numbers and the seccomp programs runlock installs; and
 * {@link dev.runlock.landlock.kernel.ProcessCalls}, libc's {@code posix_spawn} and the calls
 * around it, with which the library starts a child from a restricted thread.
 *
 * <p>All raw FFM lives here, so tests fake the kernel (any ABI, ENOSYS, EOPNOTSUPP) by
 * implementing the two interfaces (the spawn itself is never faked: it is what real-kernel tests run). May depend on {@code dev.runlock.landlock} and {@code os}; must not depend
 * on {@code elf}, {@code sandbox} or the cli.
 */
package dev.runlock.landlock.kernel;
