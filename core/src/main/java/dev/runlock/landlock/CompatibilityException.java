package dev.runlock.landlock;

import java.util.List;

/** The kernel lacks features that a hard compatibility requirement demands. */
public final class CompatibilityException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<String> missing;

    public CompatibilityException(String message, List<String> missing) {
        super(message);
        this.missing = List.copyOf(missing);
    }

    /** Each missing feature with the ABI that introduced it, e.g. {@code UDP bind (ABI 10)}. */
    public List<String> missing() {
        return missing;
    }
}
