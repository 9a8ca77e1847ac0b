package dev.runlock.elf;

import java.util.List;
import java.util.Optional;

/**
 * What the loader needs to know of one ELF file.
 *
 * @param abi class, byte order and machine
 * @param interpreter PT_INTERP: the program interpreter the kernel starts, if any
 * @param needed DT_NEEDED names in order
 * @param rpath DT_RPATH, raw (tokens unexpanded)
 * @param runpath DT_RUNPATH, raw
 * @param soname DT_SONAME
 * @param noDefaultLib DF_1_NODEFLIB: the loader skips the cache and the default directories
 */
record ElfFile(ElfAbi abi, Optional<String> interpreter, List<String> needed, Optional<String> rpath,
        Optional<String> runpath, Optional<String> soname, boolean noDefaultLib) {

    ElfFile {
        needed = List.copyOf(needed);
    }

    /** glibc ignores DT_RPATH when DT_RUNPATH is present. */
    Optional<String> effectiveRpath() {
        return runpath.isPresent() ? Optional.empty() : rpath;
    }
}
