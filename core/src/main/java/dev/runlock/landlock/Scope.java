package dev.runlock.landlock;

import java.util.EnumSet;

/** IPC scopes ({@code LANDLOCK_SCOPE_*}): restrictions with no rules, since ABI 6. */
public enum Scope implements LandlockBit {
    ABSTRACT_UNIX_SOCKET(0, "abstract UNIX socket scope"),
    SIGNAL(1, "signal scope");

    private final long bit;
    private final String feature;

    Scope(int shift, String feature) {
        this.bit = 1L << shift;
        this.feature = feature;
    }

    @Override
    public long bit() {
        return bit;
    }

    @Override
    public Abi since() {
        return Abi.V6;
    }

    @Override
    public String feature() {
        return feature;
    }

    public static EnumSet<Scope> upTo(Abi abi) {
        return LandlockBit.upTo(Scope.class, abi);
    }
}
