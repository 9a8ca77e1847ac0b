package dev.runlock.landlock;

/** How much of the requested sandbox the kernel enforces. */
public enum Enforcement {
    FULLY_ENFORCED("fully enforced"),
    PARTIALLY_ENFORCED("partially enforced"),
    NOT_ENFORCED("NOT enforced");

    private final String text;

    Enforcement(String text) {
        this.text = text;
    }

    @Override
    public String toString() {
        return text;
    }
}
