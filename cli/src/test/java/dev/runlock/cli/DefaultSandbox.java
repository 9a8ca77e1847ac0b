package dev.runlock.cli;

import dev.runlock.landlock.Abi;
import dev.runlock.landlock.AccessFs;
import dev.runlock.landlock.AccessNet;
import dev.runlock.landlock.LandlockBit;
import dev.runlock.landlock.Scope;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What runlock's default sandbox (every filesystem right, TCP and UDP, both scopes; no rule
 * granting {@code refer}) loses on a kernel, in the words of its messages. Tests derive their
 * expectations per ABI from here, so a newer ABI in core is picked up without a new table.
 */
final class DefaultSandbox {
    private DefaultSandbox() {
    }

    /** The features lacking on a kernel at {@code kernel} that a pin at {@code pin} asks for, e.g. {@code UDP (ABI 10)}. */
    static List<String> lacking(Abi kernel, Abi pin) {
        return Stream.of(AccessFs.values(), AccessNet.values(), Scope.values()).flatMap(Stream::of)
                .map(LandlockBit.class::cast)
                .filter(b -> b != AccessFs.REFER && !kernel.atLeast(b.since()) && pin.atLeast(b.since()))
                .sorted(Comparator.comparing(LandlockBit::since))
                .map(b -> b.feature() + " (" + b.since() + ")").distinct().toList();
    }

    static List<String> lacking(Abi kernel) {
        return lacking(kernel, Abi.newest());
    }

    /** What a default run on a kernel at {@code kernel} leaves unrestricted without a warning: the lacking features above the baseline. */
    static List<String> quiet(Abi kernel) {
        return lacking(kernel).stream().filter(f -> !lacking(kernel, Abi.baseline()).contains(f)).toList();
    }

    /** Whether a run owing {@code promised} (the pin, else the baseline) warns, and a soft or hard requirement is unmet. */
    static boolean owes(Abi kernel, Abi promised) {
        return kernel == Abi.NONE || !lacking(kernel, promised).isEmpty();
    }

    /** Whether the kernel enforces all of the default sandbox pinned at {@code pin}, as {@code --compat hard} requires. */
    static boolean fullyEnforced(Abi kernel, Abi pin) {
        return kernel != Abi.NONE && lacking(kernel, pin).isEmpty();
    }

    /** The {@code enforcement:} value of {@code --explain} for the default sandbox pinned at {@code pin}. */
    static String enforcement(Abi kernel, Abi pin) {
        return kernel == Abi.NONE ? "NOT enforced (no ruleset is applied)"
                : fullyEnforced(kernel, pin) ? "fully enforced" : "partially enforced";
    }

    /** The {@code enforcement:} value for the unpinned default sandbox: the baseline met is no partial sandbox. */
    static String enforcement(Abi kernel) {
        String pinned = enforcement(kernel, Abi.newest());
        return pinned.equals("partially enforced") && !owes(kernel, Abi.baseline())
                ? "enforced (" + Abi.baseline() + " baseline met)" : pinned;
    }

    /** The {@code network:} line of {@code --explain} without port rules. */
    static String network(Abi abi) {
        return abi.atLeast(Abi.V10) ? "network:     restricted (bind_tcp,connect_tcp,bind_udp,connect_send_udp), 0 port rules"
                : abi.atLeast(Abi.V4) ? "network:     restricted (bind_tcp,connect_tcp), 0 port rules"
                : "network:     unrestricted";
    }

    /** The {@code scopes:} line of {@code --explain}. */
    static String scopes(Abi abi) {
        return abi.atLeast(Abi.V6) ? "scopes:      abstract_unix_socket,signal" : "scopes:      none";
    }
}
