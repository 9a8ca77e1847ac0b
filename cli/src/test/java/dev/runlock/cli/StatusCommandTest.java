package dev.runlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runlock.landlock.KernelSupport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code runlock status} on kernels this machine does not have: ABI 10, 11 and a future 12. */
class StatusCommandTest {

    @Test
    void abi11KernelHasNoNewPrivsWithTheSandbox() {
        assertThat(feature(text(KernelSupport.enabled(11, 0xF)), "no_new_privs only with the sandbox"))
                .startsWith("  yes").endsWith("ABI 11, Linux 7.3");
        assertThat(feature(text(KernelSupport.enabled(10, 0xF)), "no_new_privs only with the sandbox")).startsWith("  no");
        assertThat(text(KernelSupport.enabled(11, 0xF))).contains("landlock:     enabled, ABI 11");
    }

    @Test
    void everyRowsTextStartsInOneColumn() {
        List<String> rows = text(KernelSupport.enabled(7, 0x7)).stream().takeWhile(l -> !l.startsWith("features")).toList();
        assertThat(rows).hasSize(8).allSatisfy(l -> assertThat(l.substring(0, 14)).matches("[a-z]+: *")
                .hasSize(14).endsWith(" "));
        assertThat(rows).allSatisfy(l -> assertThat(l.charAt(14)).isNotEqualTo(' '));
    }

    @Test
    void kernelNewerThanRunlockKnowsIsUsedAsTheNewestAndSaysSo() {
        List<String> text = text(KernelSupport.enabled(12, 0xF));

        assertThat(text).contains("landlock:     enabled, ABI 12 (newer than runlock knows: used as ABI 11)");
        assertThat(text).filteredOn(l -> l.startsWith("  no ")).isEmpty();
        assertThat(run(KernelSupport.enabled(12, 0xF), true)).contains("\"abi\": 11, \"reported_abi\": 12");
    }

    @Test
    void unixSocketsAndCapabilitiesAreNamed() {
        assertThat(text(KernelSupport.enabled(7, 0x7))).contains("unix:         Landlock ABI 7 cannot restrict pathname "
                + "sockets: while the filesystem is restricted and no --unix path is granted, runlock's seccomp filter "
                + "refuses socket(AF_UNIX); with a granted one, every pathname socket is reachable");
        assertThat(text(KernelSupport.enabled(9, 0x7)))
                .contains("unix:         connecting to a pathname socket needs a grant (Landlock ABI 9)")
                .contains("capabilities: all dropped before the command starts (bounding, ambient, inheritable, "
                        + "permitted, effective), also when run by root, unless --keep-capabilities");
        assertThat(run(KernelSupport.enabled(7, 0x7), true)).contains("\"unix_sockets\": \"Landlock ABI 7 cannot")
                .contains("\"capabilities\": \"all dropped");
    }

    @Test
    void featureRowsAreAlignedInColumns() {
        List<String> rows = text(KernelSupport.enabled(7, 0x7)).stream().filter(l -> l.startsWith("  yes ") || l.startsWith("  no "))
                .toList();

        assertThat(rows).hasSizeGreaterThan(20);
        // The ABI column starts at the same place on every row, the longest name included.
        assertThat(rows).extracting(l -> l.indexOf("ABI ")).containsOnly(rows.getFirst().indexOf("ABI "));
        assertThat(rows).allSatisfy(l -> assertThat(l).doesNotContainPattern("[a-z]ABI "));
    }

    private static List<String> text(KernelSupport kernel) {
        return run(kernel, false).lines().toList();
    }

    private static String feature(List<String> text, String name) {
        return text.stream().filter(l -> l.contains(name)).findFirst().orElseThrow();
    }

    private static String run(KernelSupport kernel, boolean json) {
        StringWriter out = new StringWriter();
        assertThat(StatusCommand.print(kernel, json, new PrintWriter(out))).isZero();
        return out.toString();
    }
}
