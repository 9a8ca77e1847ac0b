/**
 * What a command needs to start: PATH lookup, symlinks, {@code #!} chains, the ELF reader,
 * {@code ld.so.cache} and the loader's library search, giving an
 * {@link dev.runlock.elf.ExecClosure} of files with their {@link dev.runlock.elf.FileRole}.
 *
 * <p>Reads files only (every ELF file and cache is treated as hostile input); grants nothing.
 * Depends on nothing but the JDK and {@code os}; must not depend on {@code landlock}, {@code sandbox}
 * or the cli.
 */
package dev.runlock.elf;
