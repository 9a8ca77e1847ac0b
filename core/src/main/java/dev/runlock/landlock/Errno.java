package dev.runlock.landlock;

/** The errno values runlock tells apart (identical on x86_64 and aarch64). */
public final class Errno {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EINTR = 4;
    public static final int E2BIG = 7;
    public static final int ENOEXEC = 8;
    public static final int EBADF = 9;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int EFAULT = 14;
    public static final int EXDEV = 18;
    public static final int ENOTDIR = 20;
    public static final int EINVAL = 22;
    public static final int ETXTBSY = 26;
    public static final int ENOSYS = 38;
    public static final int ELOOP = 40;
    public static final int ENOMSG = 42;
    public static final int EBADFD = 77;
    public static final int EPROTONOSUPPORT = 93;
    public static final int EOPNOTSUPP = 95;
    public static final int EAFNOSUPPORT = 97;

    private Errno() {
    }

    /** The symbolic name of an errno, e.g. {@code EACCES}, or {@code errno N}. */
    public static String name(int errno) {
        return switch (errno) {
            case EPERM -> "EPERM";
            case ENOENT -> "ENOENT";
            case ESRCH -> "ESRCH";
            case EINTR -> "EINTR";
            case E2BIG -> "E2BIG";
            case ENOEXEC -> "ENOEXEC";
            case EBADF -> "EBADF";
            case ENOMEM -> "ENOMEM";
            case EACCES -> "EACCES";
            case EFAULT -> "EFAULT";
            case EXDEV -> "EXDEV";
            case ENOTDIR -> "ENOTDIR";
            case EINVAL -> "EINVAL";
            case ETXTBSY -> "ETXTBSY";
            case ENOSYS -> "ENOSYS";
            case ELOOP -> "ELOOP";
            case ENOMSG -> "ENOMSG";
            case EBADFD -> "EBADFD";
            case EPROTONOSUPPORT -> "EPROTONOSUPPORT";
            case EOPNOTSUPP -> "EOPNOTSUPP";
            case EAFNOSUPPORT -> "EAFNOSUPPORT";
            default -> "errno " + errno;
        };
    }

    /** A short description, as strerror would give. */
    public static String describe(int errno) {
        return switch (errno) {
            case EPERM -> "operation not permitted";
            case ENOENT -> "no such file or directory";
            case ESRCH -> "no such process";
            case ENOEXEC -> "exec format error";
            case EACCES -> "permission denied";
            case ENOTDIR -> "not a directory";
            case ETXTBSY -> "text file busy";
            case ELOOP -> "too many levels of symbolic links";
            case E2BIG -> "argument list too long";
            case ENOMEM -> "out of memory";
            default -> name(errno);
        };
    }
}
