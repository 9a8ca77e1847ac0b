package dev.runlock.landlock;

import java.util.EnumSet;
import java.util.Set;

/** Filesystem access rights ({@code LANDLOCK_ACCESS_FS_*}). */
public enum AccessFs implements LandlockBit {
    EXECUTE(0, Abi.V1, true, "execute"),
    WRITE_FILE(1, Abi.V1, true, "write"),
    READ_FILE(2, Abi.V1, true, "read"),
    READ_DIR(3, Abi.V1, false, "read directories"),
    REMOVE_DIR(4, Abi.V1, false, "remove directories"),
    REMOVE_FILE(5, Abi.V1, false, "remove files"),
    MAKE_CHAR(6, Abi.V1, false, "make character devices"),
    MAKE_DIR(7, Abi.V1, false, "make directories"),
    MAKE_REG(8, Abi.V1, false, "make files"),
    MAKE_SOCK(9, Abi.V1, false, "make sockets"),
    MAKE_FIFO(10, Abi.V1, false, "make fifos"),
    MAKE_BLOCK(11, Abi.V1, false, "make block devices"),
    MAKE_SYM(12, Abi.V1, false, "make symlinks"),
    /** Rename or link across directories; on ABI 1 such moves always fail with EXDEV. */
    REFER(13, Abi.V2, false, "cross-directory rename/link"),
    TRUNCATE(14, Abi.V3, true, "truncate"),
    IOCTL_DEV(15, Abi.V5, true, "device ioctl"),
    RESOLVE_UNIX(16, Abi.V9, true, "pathname UNIX socket connect");

    private final boolean appliesToFiles;
    private final Spec spec;

    AccessFs(int shift, Abi since, boolean appliesToFiles, String feature) {
        this.spec = Spec.at(shift, since, feature);
        this.appliesToFiles = appliesToFiles;
    }

    @Override
    public Spec spec() {
        return spec;
    }

    /** Whether the kernel accepts this right on a rule for a non-directory. */
    public boolean appliesToFiles() {
        return appliesToFiles;
    }

    /** The rights a rule on a non-directory may carry. */
    public static Set<AccessFs> fileRights() {
        EnumSet<AccessFs> set = EnumSet.noneOf(AccessFs.class);
        for (AccessFs a : values()) {
            if (a.appliesToFiles) {
                set.add(a);
            }
        }
        return set;
    }

    public static EnumSet<AccessFs> upTo(Abi abi) {
        return LandlockBit.upTo(AccessFs.class, abi);
    }
}
