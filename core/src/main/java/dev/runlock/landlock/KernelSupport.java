package dev.runlock.landlock;

import java.util.Set;

/**
 * What the running kernel offers: whether Landlock can be used, its ABI and errata.
 *
 * @param availability whether the Landlock syscalls work here
 * @param abi the ABI the kernel reports ({@link Abi#NONE} unless available)
 * @param reportedVersion the raw version number (may exceed {@link Abi#newest()})
 * @param errata the raw errata mask
 * @param errno the errno of the failed probe, or 0
 */
public record KernelSupport(Availability availability, Abi abi, int reportedVersion, long errata, int errno) {

    /** Why Landlock can or cannot be used. */
    public enum Availability {
        ENABLED("enabled"),
        ABSENT("absent"),
        DISABLED("disabled"),
        BLOCKED("blocked");

        private final String json;

        Availability(String json) {
            this.json = json;
        }

        public String json() {
            return json;
        }
    }

    public static KernelSupport enabled(int version, long errata) {
        return new KernelSupport(Availability.ENABLED, Abi.of(version), version, errata, 0);
    }

    public static KernelSupport unavailable(Availability why, int errno) {
        return new KernelSupport(why, Abi.NONE, 0, 0, errno);
    }

    public boolean available() {
        return availability == Availability.ENABLED;
    }

    /** Whether the kernel reports an ABI newer than runlock knows (it is then used as {@link Abi#newest()}). */
    public boolean newerThanKnown() {
        return reportedVersion > Abi.newest().number();
    }

    public Set<Erratum> knownErrata() {
        return Erratum.in(errata);
    }

    public boolean has(Erratum erratum) {
        return (errata & erratum.bit()) != 0;
    }
}
