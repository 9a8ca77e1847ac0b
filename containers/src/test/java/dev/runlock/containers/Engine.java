package dev.runlock.containers;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;

/** Whether a Docker engine answers; the containers profile demands one, other runs skip without. */
final class Engine {
    private Engine() {
    }

    static void require() {
        if (DockerClientFactory.instance().isDockerAvailable()) {
            return;
        }
        String why = "no Docker engine answers (start one with containers/engine.sh)";
        if (Boolean.getBoolean("containers.required")) {
            fail(why + ": -Pcontainers needs it");
        }
        Assumptions.abort(why);
    }
}
