package dev.runlock.elf;

/** Why a file belongs to a command's closure, which decides the rights it needs. */
public enum FileRole {
    /** The command itself, or a link leading to it: the kernel opens it for exec. */
    COMMAND(true),
    /** The ELF program interpreter (PT_INTERP): the kernel opens it for exec. */
    ELF_INTERPRETER(true),
    /** A {@code #!} interpreter, or the program {@code /usr/bin/env} runs: opened for exec. */
    SCRIPT_INTERPRETER(true),
    /** A shared library: the loader only opens and maps it, so read suffices. */
    LIBRARY(false);

    private final boolean needsExecute;

    FileRole(boolean needsExecute) {
        this.needsExecute = needsExecute;
    }

    /** Whether the kernel checks execute permission on this file (Landlock's EXECUTE right). */
    public boolean needsExecute() {
        return needsExecute;
    }
}
