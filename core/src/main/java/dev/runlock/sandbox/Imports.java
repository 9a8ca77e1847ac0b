package dev.runlock.sandbox;

import dev.runlock.elf.FileRole;

/** Which files of a command's closure are granted automatically. */
public enum Imports {
    /** The default: executable, interpreters and libraries. */
    ALL,
    /** landrun's executable-only import. */
    EXECUTABLE,
    /** landrun's library import: the libraries and the ELF interpreter. */
    LIBRARIES,
    NONE;

    /**
     * @param auto whether auto-import is on
     * @param executable whether the executable alone was asked for
     * @param libraries whether the libraries alone were asked for
     */
    public static Imports of(boolean auto, boolean executable, boolean libraries) {
        if (auto || (executable && libraries)) {
            return ALL;
        }
        return executable ? EXECUTABLE : libraries ? LIBRARIES : NONE;
    }

    /** Whether files with {@code role} are granted. */
    public boolean includes(FileRole role) {
        return switch (this) {
            case ALL -> true;
            case EXECUTABLE -> role == FileRole.COMMAND;
            case LIBRARIES -> role == FileRole.LIBRARY || role == FileRole.ELF_INTERPRETER;
            case NONE -> false;
        };
    }
}
