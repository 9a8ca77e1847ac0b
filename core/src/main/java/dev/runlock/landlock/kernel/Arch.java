package dev.runlock.landlock.kernel;

import java.util.Locale;

/**
 * The architectures runlock runs on, with the syscall numbers and seccomp constants it needs.
 * Landlock's numbers are the same on both; the rest come from each arch's unistd table.
 */
public enum Arch {
    X86_64(Numbers.X86_64),
    AARCH64(Numbers.AARCH64);

    /** Syscall numbers and per-arch constants. */
    record Numbers(
            long prctl, long openat, long close, long execve, long closeRange, long fcntl,
            long rtSigprocmask, long rtSigaction, long socket, long ioctl, long setsid, long fchdir, long capset,
            long getppid,
            int auditArch, int compatAuditArch, long compatSocket, long compatIoctl, long compatSocketcall,
            int x32Bit, long x32Ioctl) {
        static final Numbers X86_64 = new Numbers(157, 257, 3, 59, 436, 72, 14, 13, 41, 16, 112, 81, 126, 110,
                0xC000003E, 0x40000003, 359, 54, 102, 0x40000000, 514);
        /**
         * No x32 ABI: the {@code x32} numbers repeat the native ones. No {@code socketcall} either: arm
         * has it only in the old ABI, which arm64 does not run, so {@code compatSocketcall} repeats
         * {@code compatSocket}.
         */
        static final Numbers AARCH64 = new Numbers(167, 56, 57, 221, 436, 25, 135, 134, 198, 29, 157, 50, 91, 173,
                0xC00000B7, 0x40000028, 281, 54, 281, 0, 29);
    }

    /** Same number on both and on their 32-bit ABIs: from 424 on, every table shares its numbers. */
    static final long IO_URING_SETUP = 425;
    static final long LANDLOCK_CREATE_RULESET = 444;
    static final long LANDLOCK_ADD_RULE = 445;
    static final long LANDLOCK_RESTRICT_SELF = 446;
    /** Same number on both: Linux 6.8's LSM syscalls come after the unified numbering. */
    static final long LSM_LIST_MODULES = 461;

    private final Numbers numbers;

    Arch(Numbers numbers) {
        this.numbers = numbers;
    }

    Numbers numbers() {
        return numbers;
    }

    /** {@code O_TMPFILE}: {@code __O_TMPFILE} with this architecture's {@code O_DIRECTORY} bit. */
    long openTmpfile() {
        return this == AARCH64 ? 0x404000 : 0x410000;
    }

    /** The architecture of this JVM. */
    public static Arch current() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "amd64", "x86_64" -> X86_64;
            case "aarch64", "arm64" -> AARCH64;
            default -> throw new UnsupportedOperationException(
                    "unsupported architecture '" + arch + "': runlock supports x86_64 and aarch64");
        };
    }
}
