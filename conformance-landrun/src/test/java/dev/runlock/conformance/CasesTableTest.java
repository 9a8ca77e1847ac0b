package dev.runlock.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class CasesTableTest {
    private static final String TABLES = "## landrun's test.sh\n";

    @Test
    void casesMdEndsWithTheTablesListCasesPrints() throws IOException {
        // Maven runs the tests in the module directory, next to CASES.md.
        String doc = Files.readString(Path.of("CASES.md"));
        assertThat(doc).contains(TABLES);
        assertThat(doc.substring(doc.indexOf(TABLES)))
                .as("CASES.md after its prose: regenerate it with java -jar conformance.jar --list-cases")
                .isEqualTo(CasesTable.markdown());
    }
}
