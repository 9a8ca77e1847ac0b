package dev.runlock.containers;

import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * One section of the report: every case in every userland under each confinement, one
 * container per userland and confinement. Subclasses say which confinements and cases.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MatrixSuite {
    private final String section;
    private final List<Confinement> confinements;
    private Guests guests;

    /**
     * @param section the report's heading for this suite
     * @param confinements the containers each userland runs the cases in
     */
    MatrixSuite(String section, List<Confinement> confinements) {
        this.section = section;
        this.confinements = List.copyOf(confinements);
    }

    abstract List<Case> cases();

    @BeforeAll
    void engine() {
        Engine.require();
        guests = new Guests(Install.fromSystemProperties().requireBuilt());
    }

    @TestFactory
    Stream<DynamicNode> matrix() {
        return Userland.selected().stream().flatMap(userland -> confinements.stream().map(confinement -> {
            String row = userland.suite() + " (" + confinement.label() + ")";
            // Starting the container is a column of its own, so the first case's time is its own.
            Case start = new Case("container start", guest -> userland.image());
            return dynamicContainer(row, Stream.concat(Stream.of(start), cases().stream()).map(c -> dynamicTest(c.name(),
                    () -> Matrix.shared().record(section, row, c.name(),
                            () -> c.probe().check(guests.get(userland, confinement))))));
        }));
    }

    @AfterAll
    void stopAndReport() throws IOException {
        if (guests != null) {
            guests.close();
        }
        Matrix.shared().write(Path.of(System.getProperty("containers.target", "target")));
    }
}
