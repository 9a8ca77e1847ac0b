package dev.runlock.cli;

import dev.runlock.landlock.AccessFs;
import dev.runlock.landlock.AccessNet;
import dev.runlock.landlock.AddRuleFlag;
import dev.runlock.landlock.Abi;
import dev.runlock.landlock.LandlockBit;
import dev.runlock.landlock.RestrictFlag;
import dev.runlock.landlock.Scope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The user-visible Landlock features, each with the ABI that brought it: what {@code status}
 * lists, and the man page's kernel table.
 */
public record Features(String name, Abi since) {

    /** Every feature once, in ABI order: filesystem basics first. */
    public static List<Features> all() {
        Map<String, Features> features = new LinkedHashMap<>();
        Stream.of(AccessFs.values(), AccessNet.values(), Scope.values(), RestrictFlag.values(), AddRuleFlag.values())
                .flatMap(Stream::of)
                .map(LandlockBit.class::cast)
                .sorted((a, b) -> a.since().compareTo(b.since()))
                .forEach(b -> features.putIfAbsent(b.feature(), new Features(b.feature(), b.since())));
        return new ArrayList<>(features.values());
    }
}
