package dev.runlock.sandbox;

import static dev.runlock.landlock.AccessFs.EXECUTE;
import static dev.runlock.landlock.AccessFs.IOCTL_DEV;
import static dev.runlock.landlock.AccessFs.MAKE_BLOCK;
import static dev.runlock.landlock.AccessFs.MAKE_CHAR;
import static dev.runlock.landlock.AccessFs.MAKE_DIR;
import static dev.runlock.landlock.AccessFs.MAKE_FIFO;
import static dev.runlock.landlock.AccessFs.MAKE_REG;
import static dev.runlock.landlock.AccessFs.MAKE_SOCK;
import static dev.runlock.landlock.AccessFs.MAKE_SYM;
import static dev.runlock.landlock.AccessFs.READ_DIR;
import static dev.runlock.landlock.AccessFs.READ_FILE;
import static dev.runlock.landlock.AccessFs.REFER;
import static dev.runlock.landlock.AccessFs.REMOVE_DIR;
import static dev.runlock.landlock.AccessFs.REMOVE_FILE;
import static dev.runlock.landlock.AccessFs.RESOLVE_UNIX;
import static dev.runlock.landlock.AccessFs.TRUNCATE;
import static dev.runlock.landlock.AccessFs.WRITE_FILE;

import dev.runlock.landlock.AccessFs;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a path grant is for; each intent is a set of filesystem rights, with the meaning landrun
 * gives read-only, read-execute, read-write, read-write-execute and UNIX socket grants, plus
 * listing only.
 */
public enum Intent {
    RO(EnumSet.of(READ_FILE), EnumSet.of(READ_DIR)),
    /**
     * Listing only ({@code --ls}): the names in a directory and in those beneath it, never a file's
     * contents; nothing on a file. What a run that only listed {@code /etc} needs, without
     * {@code /etc/shadow}.
     */
    LS(EnumSet.noneOf(AccessFs.class), EnumSet.of(READ_DIR)),
    ROX(EnumSet.of(READ_FILE, EXECUTE), EnumSet.of(READ_DIR)),
    RW(EnumSet.of(READ_FILE, WRITE_FILE, TRUNCATE, IOCTL_DEV), Intent.directoryWrite()),
    RWX(EnumSet.of(READ_FILE, WRITE_FILE, TRUNCATE, IOCTL_DEV, EXECUTE), Intent.directoryWrite()),
    UNIX(EnumSet.of(READ_FILE, RESOLVE_UNIX), EnumSet.of(READ_DIR)),
    /** A file the kernel execs: the command, its ELF interpreter, a script's interpreter. */
    EXEC_FILE(EnumSet.of(READ_FILE, EXECUTE), EnumSet.noneOf(AccessFs.class)),
    /** A file that is only mapped or read, such as a shared library. */
    READ_FILE_ONLY(EnumSet.of(READ_FILE), EnumSet.noneOf(AccessFs.class));

    private final Set<AccessFs> fileRights;
    private final Set<AccessFs> directoryExtras;

    Intent(Set<AccessFs> fileRights, Set<AccessFs> directoryExtras) {
        this.fileRights = fileRights;
        this.directoryExtras = directoryExtras;
    }

    private static Set<AccessFs> directoryWrite() {
        return EnumSet.of(READ_DIR, REMOVE_DIR, REMOVE_FILE, MAKE_CHAR, MAKE_DIR, MAKE_REG, MAKE_SOCK, MAKE_FIFO,
                MAKE_BLOCK, MAKE_SYM, REFER);
    }

    /**
     * The rights this intent exists for. A kernel or pin that lacks one of them drops the grant's
     * meaning, which is reported whatever the ABI; the intent's other rights follow the promised
     * ABI (a pinned ABI 3 owes no warning that {@code --rw} cannot confine device ioctls).
     */
    public Set<AccessFs> purpose() {
        return switch (this) {
            case RO, READ_FILE_ONLY -> EnumSet.of(READ_FILE);
            case LS -> EnumSet.of(READ_DIR);
            case ROX, EXEC_FILE -> EnumSet.of(READ_FILE, EXECUTE);
            case RW -> EnumSet.of(READ_FILE, WRITE_FILE);
            case RWX -> EnumSet.of(READ_FILE, WRITE_FILE, EXECUTE);
            case UNIX -> EnumSet.of(RESOLVE_UNIX);
        };
    }

    /** The rights this intent grants on a directory (and beneath it) or on a single file. */
    public Set<AccessFs> rights(boolean directory) {
        EnumSet<AccessFs> rights = EnumSet.copyOf(fileRights);
        if (directory) {
            rights.addAll(directoryExtras);
        }
        return rights;
    }
}
