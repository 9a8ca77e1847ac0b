package dev.runlock.landlock.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.runlock.landlock.AccessFs;
import dev.runlock.landlock.AccessNet;
import dev.runlock.landlock.Abi;
import dev.runlock.landlock.Errno;
import dev.runlock.landlock.KernelSupport;
import dev.runlock.landlock.KernelSupport.Availability;
import dev.runlock.landlock.LandlockBit;
import dev.runlock.landlock.kernel.LandlockKernel.RulesetAttr;
import dev.runlock.testkit.HostAbi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The FFM calls against the real kernel, in this JVM: building rulesets is harmless as long as
 * nothing calls restrict_self, and the kernel's errors check the struct layouts byte for byte.
 */
class LinuxKernelTest {
    private final LinuxKernel kernel = new LinuxKernel();
    private final KernelSupport support = kernel.probe();

    @TempDir
    Path tmp;

    private void requireLandlock() {
        HostAbi.assumeAtLeast(1, "the kernel's answers to runlock's structs are not checked");
    }

    @Test
    void probeReportsWhatTheIndependentProbeSees() {
        int host = HostAbi.probe();
        assertThat(support.reportedVersion()).isEqualTo(host);
        assertThat(support.abi()).isEqualTo(Abi.of(host));
        assertThat(support.available()).isEqualTo(host > 0);
        if (host > 0) {
            assertThat(support.errno()).isZero();
        } else {
            assertThat(support.errno()).as("errno of the failed probe").isPositive();
        }
    }

    @Test
    void testedKernelIsTheDeclaredOne() {
        // Fails, never skips, when RUNLOCK_TEST_ABI names another ABI (0: no Landlock).
        assertThat(HostAbi.checked()).isEqualTo(HostAbi.probe());
    }

    @ParameterizedTest(name = "{0}, seccomp filter {1}, LSMs {2} -> {3}")
    @CsvSource(delimiter = ';', nullValues = "unknown", value = {
        "95; false; unknown; DISABLED",
        "95; true; capability,landlock; DISABLED",
        "1; false; unknown; BLOCKED",
        "1; true; capability; BLOCKED",
        "38; false; capability,landlock; ABSENT",
        "38; false; unknown; ABSENT",
        "38; true; capability,yama,landlock; BLOCKED",
        "38; true; unknown; BLOCKED",
        "38; true; capability,yama; ABSENT"})
    void classifyTellsAbsentDisabledAndBlocked(int errno, boolean filtered, String lsms, Availability expected) {
        Optional<List<String>> active = Optional.ofNullable(lsms).map(l -> List.of(l.split(",")));
        assertThat(LinuxKernel.classify(errno, filtered, active)).isEqualTo(expected);
    }

    @Test
    void pathRuleLayoutReachesTheKernelIntact() throws Exception {
        requireLandlock();
        Path file = Files.writeString(tmp.resolve("f"), "x");
        int ruleset = kernel.createRuleset(new RulesetAttr(mask(AccessFs.READ_FILE, AccessFs.READ_DIR), 0, 0), support.abi());
        int fd = kernel.openPath(file);
        try {
            kernel.addPathRule(ruleset, AccessFs.READ_FILE.bit(), fd);
            // The kernel refuses a directory right on a file only if it read the right parent_fd.
            assertThat(errno(() -> kernel.addPathRule(ruleset, AccessFs.READ_DIR.bit(), fd))).isEqualTo(Errno.EINVAL);
            assertThat(errno(() -> kernel.addPathRule(ruleset, 0, fd))).isEqualTo(Errno.ENOMSG);
            assertThat(errno(() -> kernel.addPathRule(ruleset, AccessFs.EXECUTE.bit(), fd)))
                    .as("right not handled").isEqualTo(Errno.EINVAL);
        } finally {
            kernel.close(fd);
            kernel.close(ruleset);
        }
    }

    @Test
    void portRuleLayoutReachesTheKernelIntact() throws Exception {
        requireLandlock();
        HostAbi.assumeAtLeast(4, "the port rule's layout is not checked against the kernel");
        int ruleset = kernel.createRuleset(new RulesetAttr(0, AccessNet.BIND_TCP.bit(), 0), support.abi());
        try {
            kernel.addPortRule(ruleset, AccessNet.BIND_TCP.bit(), 65535);
            assertThat(errno(() -> kernel.addPortRule(ruleset, AccessNet.BIND_TCP.bit(), 65536))).isEqualTo(Errno.EINVAL);
            assertThat(errno(() -> kernel.addPortRule(ruleset, AccessNet.CONNECT_TCP.bit(), 80))).isEqualTo(Errno.EINVAL);
        } finally {
            kernel.close(ruleset);
        }
    }

    @Test
    void rulesetWithNothingHandledIsRefused() {
        requireLandlock();
        assertThat(errno(() -> kernel.createRuleset(new RulesetAttr(0, 0, 0), support.abi()))).isEqualTo(Errno.ENOMSG);
    }

    @Test
    void rightsNewerThanTheKernelAreRefused() {
        requireLandlock();
        assumeTrue(!support.abi().atLeast(Abi.newest()), "the kernel knows every right runlock knows");
        long everything = LandlockBit.mask(EnumSet.allOf(AccessFs.class));
        assertThat(errno(() -> kernel.createRuleset(new RulesetAttr(everything, 0, 0), support.abi()))).isEqualTo(Errno.EINVAL);
    }

    @Test
    void missingPathErrorNamesIt() {
        KernelException e = catchThrowableOfType(KernelException.class, () -> kernel.openPath(tmp.resolve("missing")));

        assertThat(e.getMessage()).isEqualTo("open " + tmp.resolve("missing") + " failed: ENOENT (no such file or directory)");
    }

    @Test
    void keepingADescriptorThatIsNotOpenFailsNamingIt() {
        // Fails on the first fcntl, before any descriptor of this JVM is touched.
        KernelException e = catchThrowableOfType(KernelException.class, () -> kernel.closeOnExecAbove2(Set.of(999_999)));

        assertThat(e.errno()).isEqualTo(Errno.EBADF);
        assertThat(e.call()).isEqualTo("descriptor 999999");
    }

    private static long mask(AccessFs... rights) {
        return LandlockBit.mask(Set.of(rights));
    }

    private interface Call {
        void run() throws KernelException;
    }

    private static int errno(Call call) {
        KernelException e = catchThrowableOfType(KernelException.class, call::run);
        assertThat(e).as("the call must fail").isNotNull();
        return e.errno();
    }

    /** The unnamed file is written and read through its /proc entry and never appears in its directory. */
    @Test
    void anUnnamedFileHasNoNameAndIsReachedThroughProc() throws Exception {
        int fd = kernel.openUnnamedFile(tmp);
        try {
            Path entry = Path.of("/proc/self/fd/" + fd);
            Files.writeString(entry, "trace line\n");
            assertThat(tmp).isEmptyDirectory();
            assertThat(Files.readString(entry)).isEqualTo("trace line\n");
            assertThat(Files.readSymbolicLink(entry).toString()).startsWith(tmp + "/#").endsWith(" (deleted)");
        } finally {
            kernel.close(fd);
        }
    }
}
