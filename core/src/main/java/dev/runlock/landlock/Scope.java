package dev.runlock.landlock;

import java.util.EnumSet;

/** IPC scopes ({@code LANDLOCK_SCOPE_*}): restrictions with no rules, since ABI 6. */
public enum Scope implements LandlockBit {
    ABSTRACT_UNIX_SOCKET(0, "abstract UNIX socket scope"),
    SIGNAL(1, "signal scope");

    private final Spec spec;

    Scope(int shift, String feature) {
        this.spec = Spec.at(shift, Abi.V6, feature);
    }

    @Override
    public Spec spec() {
        return spec;
    }

    public static EnumSet<Scope> upTo(Abi abi) {
        return LandlockBit.upTo(Scope.class, abi);
    }
}
