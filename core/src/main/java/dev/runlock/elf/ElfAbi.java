package dev.runlock.elf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The identity a loader requires of every object it maps: class, byte order and machine (with the
 * float ABI flags where the machine has several). Decides the ld.so.cache flags, the default
 * library directories and the values of {@code $LIB} and {@code $PLATFORM}.
 */
record ElfAbi(boolean is64, boolean bigEndian, int machine, int flags) {

    static final int EM_386 = 3;
    static final int EM_MIPS = 8;
    static final int EM_PPC = 20;
    static final int EM_PPC64 = 21;
    static final int EM_S390 = 22;
    static final int EM_ARM = 40;
    static final int EM_SPARCV9 = 43;
    static final int EM_IA_64 = 50;
    static final int EM_X86_64 = 62;
    static final int EM_AARCH64 = 183;
    static final int EM_RISCV = 243;
    static final int EM_LOONGARCH = 258;

    private static final int EF_ARM_ABI_FLOAT_HARD = 0x400;
    private static final int EF_RISCV_FLOAT_ABI_DOUBLE = 0x4;
    private static final int FLAG_ELF_LIBC6 = 0x0003;

    /** Whether a loader for this ABI accepts {@code other} (glibc skips mismatches while searching). */
    boolean accepts(ElfAbi other) {
        return is64 == other.is64 && bigEndian == other.bigEndian && machine == other.machine;
    }

    /** The ld.so.cache entry flags a loader of this ABI accepts (glibc's _dl_cache_check_flags). */
    Set<Integer> cacheFlags() {
        return switch (machine) {
            case EM_X86_64 -> Set.of(FLAG_ELF_LIBC6 | (is64 ? 0x0300 : 0x0800));
            case EM_AARCH64 -> Set.of(FLAG_ELF_LIBC6 | 0x0a00);
            case EM_ARM -> (flags & EF_ARM_ABI_FLOAT_HARD) != 0
                    ? Set.of(FLAG_ELF_LIBC6 | 0x0900)
                    : Set.of(FLAG_ELF_LIBC6, FLAG_ELF_LIBC6 | 0x0b00);
            case EM_PPC64 -> Set.of(FLAG_ELF_LIBC6 | 0x0500);
            case EM_S390 -> Set.of(FLAG_ELF_LIBC6 | (is64 ? 0x0400 : 0));
            case EM_SPARCV9 -> Set.of(FLAG_ELF_LIBC6 | 0x0100);
            case EM_IA_64 -> Set.of(FLAG_ELF_LIBC6 | 0x0200);
            case EM_RISCV -> Set.of(FLAG_ELF_LIBC6
                    | ((flags & EF_RISCV_FLOAT_ABI_DOUBLE) != 0 ? 0x1000 : 0x0f00));
            case EM_LOONGARCH -> Set.of(FLAG_ELF_LIBC6 | 0x1200);
            case EM_MIPS -> is64
                    ? Set.of(FLAG_ELF_LIBC6 | 0x0700, FLAG_ELF_LIBC6 | 0x0e00)
                    : Set.of(FLAG_ELF_LIBC6, FLAG_ELF_LIBC6 | 0x0600, FLAG_ELF_LIBC6 | 0x0c00,
                            FLAG_ELF_LIBC6 | 0x0d00);
            default -> Set.of(FLAG_ELF_LIBC6);
        };
    }

    /** Debian's multiarch directory name, if this ABI has one we know. */
    Optional<String> multiarchTriplet() {
        String triplet = switch (machine) {
            case EM_X86_64 -> is64 ? "x86_64-linux-gnu" : "x86_64-linux-gnux32";
            case EM_386 -> "i386-linux-gnu";
            case EM_AARCH64 -> bigEndian ? "aarch64_be-linux-gnu" : "aarch64-linux-gnu";
            case EM_ARM -> (flags & EF_ARM_ABI_FLOAT_HARD) != 0 ? "arm-linux-gnueabihf" : "arm-linux-gnueabi";
            case EM_PPC64 -> bigEndian ? "powerpc64-linux-gnu" : "powerpc64le-linux-gnu";
            case EM_PPC -> "powerpc-linux-gnu";
            case EM_S390 -> is64 ? "s390x-linux-gnu" : "s390-linux-gnu";
            case EM_RISCV -> is64 ? "riscv64-linux-gnu" : null;
            case EM_LOONGARCH -> "loongarch64-linux-gnu";
            case EM_SPARCV9 -> "sparc64-linux-gnu";
            case EM_MIPS -> is64
                    ? (bigEndian ? "mips64-linux-gnuabi64" : "mips64el-linux-gnuabi64")
                    : (bigEndian ? "mips-linux-gnu" : "mipsel-linux-gnu");
            default -> null;
        };
        return Optional.ofNullable(triplet);
    }

    /** The ELF-class specific library directory of lib64 / lib32 layouts. */
    private String classLibDir() {
        return is64 ? "lib64" : machine == EM_X86_64 ? "libx32" : "lib32";
    }

    /**
     * glibc's built-in directories for this ABI, relative to the root: the multiarch layout
     * (Debian), the lib64 / lib32 layout (Fedora, multilib) and plain lib.
     */
    List<String> defaultDirs() {
        List<String> dirs = new ArrayList<>();
        multiarchTriplet().ifPresent(t -> dirs.addAll(List.of("lib/" + t, "usr/lib/" + t)));
        dirs.addAll(List.of(classLibDir(), "usr/" + classLibDir(), "lib", "usr/lib"));
        return dirs;
    }

    /** {@code $LIB}: the library directory this system's loader uses for the ABI. */
    String lib(Path root) {
        return multiarchTriplet().map(t -> "lib/" + t)
                .filter(dir -> Files.isDirectory(root.resolve(dir)))
                .or(() -> Optional.of(classLibDir()).filter(dir -> Files.isDirectory(root.resolve(dir))))
                .orElse("lib");
    }

    /** {@code $PLATFORM} (the kernel's AT_PLATFORM), when known for the machine. */
    Optional<String> platform() {
        return Optional.ofNullable(switch (machine) {
            case EM_X86_64 -> is64 ? "x86_64" : null;
            case EM_386 -> "i686";
            case EM_AARCH64 -> "aarch64";
            case EM_S390 -> is64 ? "s390x" : "s390";
            case EM_RISCV -> is64 ? "riscv64" : "riscv32";
            case EM_LOONGARCH -> "loongarch";
            default -> null;
        });
    }
}
