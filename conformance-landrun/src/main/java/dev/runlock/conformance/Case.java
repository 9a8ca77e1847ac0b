package dev.runlock.conformance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * One conformance case: a command line built on a fresh fixture, and its expectation.
 *
 * @param id short stable id (L01.. for landrun's cases, R01.. for runlock's own)
 * @param name the test name (landrun's own wording for ported cases)
 * @param invocation builds the command line; may start helpers (listeners) on the fixture
 * @param deviations dialects that deliberately expect something else, with the reason
 */
public record Case(String id, String name, Function<Fixture, Invocation> invocation, Expectation expectation,
        Set<Capability> requires, Set<Tag> tags, List<Deviation> deviations) {

    /** How checks name the kernel's ABI ("sandbox partially enforced on Landlock ABI 7"). */
    private static final Pattern KERNEL_ABI = Pattern.compile("Landlock ABI \\d+");

    public Case {
        // Enum order keeps reports and CASES.md stable.
        requires = requires.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(requires));
        tags = tags.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(tags));
        deviations = List.copyOf(deviations);
    }

    public static Case of(String id, String name, Function<Fixture, Invocation> invocation,
            Expectation expectation) {
        return new Case(id, name, invocation, expectation, Set.of(), Set.of(), List.of());
    }

    public Case requires(Capability... capabilities) {
        Set<Capability> more = EnumSet.noneOf(Capability.class);
        more.addAll(requires);
        more.addAll(List.of(capabilities));
        return new Case(id, name, invocation, expectation, more, tags, deviations);
    }

    public Case tagged(Tag... more) {
        Set<Tag> all = EnumSet.noneOf(Tag.class);
        all.addAll(tags);
        all.addAll(List.of(more));
        return new Case(id, name, invocation, expectation, requires, all, deviations);
    }

    public Case deviates(Dialect dialect, Expectation other, String reason) {
        List<Deviation> more = new ArrayList<>(deviations);
        more.add(new Deviation(dialect, other, reason));
        return new Case(id, name, invocation, expectation, requires, tags, more);
    }

    /** Adds a check to the expectation and to every deviation. */
    public Case and(Check check) {
        return new Case(id, name, invocation, expectation.and(check), requires, tags, deviations.stream()
                .map(d -> new Deviation(d.dialect(), d.expectation().and(check), d.reason())).toList());
    }

    public boolean has(Tag tag) {
        return tags.contains(tag);
    }

    /** The deviation of the target's dialect, if any. */
    public Optional<Deviation> deviationFor(Dialect dialect) {
        return deviations.stream().filter(d -> d.dialect() == dialect).findFirst();
    }

    /** The expectation on a target, deviation included. */
    public Expected expected(Target target) {
        return deviationFor(target.dialect()).map(Deviation::expectation).orElse(expectation).on(target);
    }

    /** Whether the expectation changes with the effective ABI (then pinned runs matter). */
    public boolean dependsOnAbi(Implementation implementation) {
        return IntStream.rangeClosed(1, Feature.newestAbi()).mapToObj(abi -> outcomeOn(implementation, abi)).distinct()
                .count() > 1;
    }

    /** Whether the case runs (is not "not applicable") on a kernel of every ABI from none to the newest. */
    public boolean appliesOnEveryAbi(Implementation implementation) {
        return IntStream.rangeClosed(0, Feature.newestAbi()).allMatch(abi ->
                expected(new Target(implementation, abi, OptionalInt.empty())).notApplicable().isEmpty());
    }

    /** Whether the expected exit status (or applicability) at this ABI differs from the one below it. */
    public boolean changesAt(Implementation implementation, int abi) {
        return !outcomeOn(implementation, abi).equals(outcomeOn(implementation, abi - 1));
    }

    /**
     * The features this case's outcome depends on, as its expectation declares them (through
     * {@link Expectation#enforcing}, {@link Expectation#degraded} or {@link Expectation#refusedWithout}):
     * those at whose ABI the expected status, checks or applicability change on a kernel of that ABI.
     */
    public Set<Feature> features(Implementation implementation) {
        Set<Feature> features = EnumSet.noneOf(Feature.class);
        for (Feature feature : Feature.values()) {
            if (!signatureOn(implementation, feature.abi()).equals(signatureOn(implementation, feature.abi() - 1))) {
                features.add(feature);
            }
        }
        return features;
    }

    /** The whole expectation on a kernel of {@code abi}, the kernel's ABI number masked out of the checks. */
    private String signatureOn(Implementation implementation, int abi) {
        Expected e = expected(new Target(implementation, abi, OptionalInt.empty()));
        return e.notApplicable().orElse(e.status() + " " + e.checks().stream()
                .map(check -> KERNEL_ABI.matcher(check.description()).replaceAll("Landlock ABI N"))
                .sorted().toList());
    }

    private String outcomeOn(Implementation implementation, int abi) {
        Expected e = expected(new Target(implementation, abi, OptionalInt.empty()));
        return e.notApplicable().orElse(Integer.toString(e.status()));
    }
}
