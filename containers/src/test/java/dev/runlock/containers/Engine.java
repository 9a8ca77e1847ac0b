package dev.runlock.containers;

import static org.junit.jupiter.api.Assertions.fail;

import dev.runlock.testkit.MachineCapability;

/** Whether a Docker engine answers; the containers profile demands one, other runs skip without. */
final class Engine {
    private Engine() {
    }

    static void require() {
        String unproven = "the container userlands and the .deb are not tested (start an engine with containers/engine.sh)";
        if (!MachineCapability.DOCKER.available() && Boolean.getBoolean("containers.required")) {
            fail(MachineCapability.DOCKER.probe().detail() + ": -Pcontainers needs a Docker engine");
        }
        MachineCapability.DOCKER.assume(unproven);
    }
}
