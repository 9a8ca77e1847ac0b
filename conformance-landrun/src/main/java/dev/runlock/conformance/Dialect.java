package dev.runlock.conformance;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** How an implementation spells things: best effort, auto-import, and what it lacks. */
public enum Dialect {
    /** Ours: best effort and auto-import by default, every capability. */
    RUNLOCK(List.of(), List.of(), EnumSet.allOf(Capability.class)),
    /** landrun 0.1.17/0.1.18: best effort and auto-import are opt-in, none of runlock's extras. */
    LANDRUN(List.of("--best-effort"), List.of("--add-exec", "--ldd"), EnumSet.noneOf(Capability.class));

    private final List<String> bestEffort;
    private final List<String> autoImport;
    private final Set<Capability> capabilities;

    Dialect(List<String> bestEffort, List<String> autoImport, Set<Capability> capabilities) {
        this.bestEffort = bestEffort;
        this.autoImport = autoImport;
        this.capabilities = capabilities;
    }

    /** Options that ask for best-effort enforcement (empty when it is the default). */
    public List<String> bestEffort() {
        return bestEffort;
    }

    /** Options that import the command and its libraries (empty when it is the default). */
    public List<String> autoImport() {
        return autoImport;
    }

    public boolean has(Capability capability) {
        return capabilities.contains(capability);
    }

    /** The name used on the command line (--impl). */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
