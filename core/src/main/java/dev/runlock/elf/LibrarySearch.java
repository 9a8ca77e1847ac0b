package dev.runlock.elf;

import java.nio.file.Path;
import java.util.List;

/** Where one C library's dynamic loader looks for a DT_NEEDED name, in its order. */
sealed interface LibrarySearch permits GlibcSearch, MuslSearch {

    /** The files to try for {@code name}, in order; the first one of the right ABI is loaded. */
    List<Path> candidates(String name, LoadedObject requester);

    /**
     * Other files the loader may pick instead of the first candidate, depending on the CPU
     * (glibc-hwcaps subdirectories). They are imported too, read-only, as loaded libraries.
     */
    List<Path> variants(String name, LoadedObject requester);

    /** Libraries the loader maps into every program before its DT_NEEDED ones. */
    List<String> preloads();

    /** Names the loader satisfies with itself instead of a file (musl's libc, libpthread, ...). */
    boolean providedByInterpreter(String name);

    /** Lines for the closure's warnings about the search itself (an unreadable cache, ...). */
    List<String> warnings();
}
