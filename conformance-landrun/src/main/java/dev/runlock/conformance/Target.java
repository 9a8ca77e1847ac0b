package dev.runlock.conformance;

import java.util.List;
import java.util.OptionalInt;

/**
 * One run of the suite: an implementation on a host ABI, optionally pinned with {@code --abi}.
 *
 * @param hostAbi the kernel's ABI as the suite probes it ({@code HostAbi}), not as the implementation says
 * @param pin the {@code --abi} pin, if any
 */
public record Target(Implementation implementation, int hostAbi, OptionalInt pin) {

    /** What the sandbox can enforce: the kernel's ABI, lowered by the pin. */
    public int effectiveAbi() {
        return pin.isPresent() ? Math.min(hostAbi, pin.getAsInt()) : hostAbi;
    }

    /** Whether a case that asks for the feature (a rule, a flag) loses it: above the kernel's ABI or the pin. */
    public boolean drops(Feature feature) {
        return !feature.enforcedOn(effectiveAbi());
    }

    /**
     * Whether the kernel lacks a feature runlock owes every sandbox: the baseline (up to
     * {@link Feature#BASELINE}), or everything up to the pin when one is given. Features above
     * that which nothing asks for are no reason to warn or refuse.
     */
    public boolean owes(Feature feature) {
        return feature.abi() > hostAbi && feature.abi() <= pin.orElse(Feature.BASELINE.abi());
    }

    /** The same run with the case's own {@code --abi} pin. */
    public Target pinnedTo(int abi) {
        return new Target(implementation, hostAbi, OptionalInt.of(abi));
    }

    public Dialect dialect() {
        return implementation.dialect();
    }

    /** Options every sandboxed invocation starts with (the pin). */
    List<String> pinOptions() {
        return pin.isPresent() ? List.of("--abi", Integer.toString(pin.getAsInt())) : List.of();
    }

    /** A short label for reports: "host ABI 7" or "--abi 3 on ABI 7". */
    public String label() {
        return pin.isPresent() ? "--abi " + pin.getAsInt() + " on ABI " + hostAbi : "host ABI " + hostAbi;
    }
}
