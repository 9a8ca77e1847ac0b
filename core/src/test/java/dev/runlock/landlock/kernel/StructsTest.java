package dev.runlock.landlock.kernel;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runlock.landlock.Abi;
import java.lang.foreign.StructLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The FFM layouts against the C structs (landlock-reference §2.2). */
class StructsTest {

    @Test
    void pathBeneathAttrIsPacked12Bytes() {
        assertLayout(Structs.PATH_BENEATH_ATTR, 12, "allowed_access", 0, "parent_fd", 8);
    }

    @Test
    void netPortAttrIs16Bytes() {
        assertLayout(Structs.NET_PORT_ATTR, 16, "allowed_access", 0, "port", 8);
    }

    @Test
    void rulesetAttrHasAllSixFields() {
        assertLayout(Structs.RULESET_ATTR, 48, "handled_access_fs", 0, "handled_access_net", 8, "scoped", 16,
                "quiet_access_fs", 24, "quiet_access_net", 32, "quiet_scoped", 40);
    }

    @Test
    void seccompStructs() {
        assertLayout(Structs.SOCK_FILTER, 8, "code", 0, "jt", 2, "jf", 3, "k", 4);
        assertLayout(Structs.SOCK_FPROG, 16, "len", 0, "filter", 8);
    }

    @ParameterizedTest(name = "ABI {0}: {1} bytes")
    @CsvSource({"1, 8", "2, 8", "3, 8", "4, 16", "5, 16", "6, 24", "7, 24", "8, 24", "9, 24", "10, 48"})
    void rulesetAttrIsSizedForTheKernelsAbi(int abi, long size) {
        assertThat(Structs.rulesetAttrSize(Abi.of(abi))).isEqualTo(size);
    }

    private static void assertLayout(StructLayout layout, long size, Object... fieldsAndOffsets) {
        assertThat(layout.byteSize()).isEqualTo(size);
        for (int i = 0; i < fieldsAndOffsets.length; i += 2) {
            String field = (String) fieldsAndOffsets[i];
            assertThat(layout.byteOffset(groupElement(field))).as(field).isEqualTo(((Integer) fieldsAndOffsets[i + 1]).longValue());
        }
    }
}
