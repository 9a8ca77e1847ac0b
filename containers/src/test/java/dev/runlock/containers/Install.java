package dev.runlock.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The host's runlock checkout and JDK, mounted read-only at the same paths in every container.
 *
 * @param repo the repository root (holds the {@code runlock} launcher and cli/target/runlock.jar)
 * @param jdk a JDK 25 (the one running the tests)
 */
record Install(Path repo, Path jdk) {

    static Install fromSystemProperties() {
        try {
            Path repo = Path.of(System.getProperty("runlock.repo", "..")).toRealPath();
            return new Install(repo, Path.of(System.getProperty("java.home")).toRealPath());
        } catch (IOException e) {
            throw new UncheckedIOException("runlock.repo or java.home does not exist", e);
        }
    }

    Path launcher() {
        return repo.resolve("runlock");
    }

    Path cliJar() {
        return repo.resolve("cli/target/runlock.jar");
    }

    Path conformanceJar() {
        return repo.resolve("conformance-landrun/target/conformance.jar");
    }

    /** Fails with the build command when the runlock jar is missing (the containers would only say "not built"). */
    Install requireBuilt() {
        if (!Files.isReadable(cliJar())) {
            throw new IllegalStateException(cliJar() + " is missing: build it with ./mvnw -q -pl cli -am -DskipTests package");
        }
        return this;
    }
}
