/**
 * The kernel boundary: {@link dev.runlock.landlock.kernel.LandlockKernel} and
 * {@link dev.runlock.landlock.kernel.ExecKernel}, their FFM implementation, struct layouts,
 * per-architecture syscall numbers and the seccomp programs runlock installs.
 *
 * <p>All raw FFM lives here, so tests fake the kernel (any ABI, ENOSYS, EOPNOTSUPP) by
 * implementing the two interfaces. May depend on {@code dev.runlock.landlock} and {@code os}; must not depend
 * on {@code elf}, {@code sandbox} or the cli.
 */
package dev.runlock.landlock.kernel;
