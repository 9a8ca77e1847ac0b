package dev.runlock.elf;

/** Why a file belongs to a command's closure, which decides the rights it needs. */
public enum FileRole {
    /** The command itself, or a link leading to it: the kernel opens it for exec. */
    COMMAND(true, "command", "the command"),
    /** The ELF program interpreter (PT_INTERP): the kernel opens it for exec. */
    ELF_INTERPRETER(true, "ELF interpreter", "its ELF interpreter"),
    /** A {@code #!} interpreter, or the program {@code /usr/bin/env} runs: opened for exec. */
    SCRIPT_INTERPRETER(true, "script interpreter", "its script interpreter"),
    /** A shared library: the loader only opens and maps it, so read suffices. */
    LIBRARY(false, "library", "a shared library");

    private final boolean needsExecute;
    private final String noun;
    private final String relation;

    FileRole(boolean needsExecute, String noun, String relation) {
        this.needsExecute = needsExecute;
        this.noun = noun;
        this.relation = relation;
    }

    /** Whether the kernel checks execute permission on this file (Landlock's EXECUTE right). */
    public boolean needsExecute() {
        return needsExecute;
    }

    /** The role on its own, e.g. {@code ELF interpreter}. */
    public String noun() {
        return noun;
    }

    /** The file as seen from the command, e.g. {@code its ELF interpreter}. */
    public String relation() {
        return relation;
    }
}
