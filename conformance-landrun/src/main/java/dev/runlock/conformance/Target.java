package dev.runlock.conformance;

import java.util.List;
import java.util.OptionalInt;

/**
 * One run of the suite: an implementation on a host ABI, optionally pinned with {@code --abi}.
 *
 * @param hostAbi the ABI the implementation reports for this kernel
 * @param pin the {@code --abi} pin, if any
 */
public record Target(Implementation implementation, int hostAbi, OptionalInt pin) {

    /** What the sandbox can enforce: the kernel's ABI, lowered by the pin. */
    public int effectiveAbi() {
        return pin.isPresent() ? Math.min(hostAbi, pin.getAsInt()) : hostAbi;
    }

    /**
     * Whether the sandbox asks for a feature the kernel lacks: a pin below the feature means the
     * caller accepted running without it (no warning, no refusal), as with runlock's {@code --abi}.
     */
    public boolean lacks(Feature feature) {
        return feature.abi() > hostAbi && feature.abi() <= pin.orElse(Integer.MAX_VALUE);
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
