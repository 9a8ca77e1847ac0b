package dev.runlock.landlock;

/**
 * The reference's plain table of masks per ABI (landlock-reference §1.2, go-landlock's
 * {@code abiInfos}; ABI 11 from the 7.3 uapi header), written out by hand so tests do not
 * check the code against itself.
 */
public final class AbiTable {
    private static final long[] FS = {0, 0x1FFF, 0x3FFF, 0x7FFF, 0x7FFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0x1FFFF, 0x1FFFF, 0x1FFFF};
    private static final long[] NET = {0, 0, 0, 0, 0x3, 0x3, 0x3, 0x3, 0x3, 0x3, 0xF, 0xF};
    private static final long[] SCOPES = {0, 0, 0, 0, 0, 0, 0x3, 0x3, 0x3, 0x3, 0x3, 0x3};
    private static final long[] RESTRICT_FLAGS = {0, 0, 0, 0, 0, 0, 0, 0x7, 0xF, 0xF, 0xF, 0x1F};

    private AbiTable() {
    }

    public static long fs(Abi abi) {
        return FS[abi.number()];
    }

    public static long net(Abi abi) {
        return NET[abi.number()];
    }

    public static long scopes(Abi abi) {
        return SCOPES[abi.number()];
    }

    public static long restrictFlags(Abi abi) {
        return RESTRICT_FLAGS[abi.number()];
    }
}
