package dev.runlock.conformance;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;

import dev.runlock.testkit.HostAbi;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The conformance suite: every selected case on the configured implementation (see
 * {@link Settings}), grouped per target: the host ABI or a pin, and with {@code matrix} every
 * pin from 1 to the host ABI, where only cases whose expectation depends on the ABI run again
 * (see {@link #worthPinning}).
 */
@ExtendWith(ConformanceSuite.SettingsResolver.class)
public class ConformanceSuite {

    @TestFactory
    Stream<DynamicNode> conformance(Settings settings) {
        settings.requires().ifPresent(file -> Assumptions.assumeTrue(Files.exists(file),
                () -> file + " is not built (run ./mvnw -q -DskipTests package first): nothing to judge"));
        Implementation implementation = settings.implementation();
        // The suite's own probe, never the implementation's word: a wrong probe would move the
        // expectations along with the behaviour (R67 checks what runlock reports against it).
        int host = HostAbi.checked();
        List<Case> cases = settings.cases();
        return targets(settings, host).stream().map(target -> DynamicContainer.dynamicContainer(target.label(),
                cases.stream().filter(c -> target.pin().isEmpty() || settings.pin().isPresent()
                                || worthPinning(c, implementation, target.pin().getAsInt()))
                        .map(c -> DynamicTest.dynamicTest(c.id() + " " + c.name(), () -> Verdict.check(target, c)))));
    }

    /**
     * The matrix runs a case at pin 1 when the ABI matters to it (its status or a feature's
     * warning or refusal), and at every higher pin where its expected outcome changes: in
     * between, the same kernel behaviour is simply exercised again.
     */
    private static boolean worthPinning(Case c, Implementation implementation, int pin) {
        return pin == 1 ? c.dependsOnAbi(implementation) || !c.features(implementation).isEmpty()
                : c.changesAt(implementation, pin);
    }

    /** Supplies the {@link Settings} from the run's configuration parameters. */
    static final class SettingsResolver implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == Settings.class;
        }

        @Override
        public Settings resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return Settings.from(context::getConfigurationParameter);
        }
    }

    private static List<Target> targets(Settings settings, int host) {
        Implementation implementation = settings.implementation();
        List<Target> targets = new ArrayList<>();
        targets.add(new Target(implementation, host, settings.pin()));
        if (settings.matrix() && settings.pin().isEmpty() && implementation.dialect().has(Capability.ABI_PIN)) {
            for (int abi = 1; abi <= host; abi++) {
                targets.add(new Target(implementation, host, OptionalInt.of(abi)));
            }
        }
        return targets;
    }
}
