package dev.runlock.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runlock.landlock.Errno;
import dev.runlock.landlock.KernelSupport;
import dev.runlock.landlock.kernel.KernelException;
import dev.runlock.testkit.FakeKernel;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExecTest {
    private static final Launch LAUNCH = new Launch("/usr/bin/env", List.of("env", "-0"), List.of("A=1", "PATH=/usr/bin"),
            Set.of(7, 3), 0x1001L);

    @Test
    void clearsSignalMaskRestoresIgnoredSignalsMarksDescriptorsDropsCapabilitiesThenExecs() {
        FakeKernel kernel = new FakeKernel(KernelSupport.enabled(7, 0));

        KernelException failure = Exec.exec(kernel, LAUNCH);

        assertThat(kernel.calls()).containsExactly("clearSignalMask", "ignoreSignals 1001", "closeOnExecAbove2 keep [3, 7]",
                "dropBoundingCapabilities", "clearAmbientCapabilities", "clearCapabilities",
                "execve /usr/bin/env [env, -0] [A=1, PATH=/usr/bin]");
        assertThat(failure.errno()).isEqualTo(Errno.ENOENT);
        assertThat(failure.getMessage()).isEqualTo("execve failed: ENOENT (no such file or directory)");
    }

    @Test
    void changesToTheKeptDirectoryStartsANewSessionAndTiesToTheParentBeforeDroppingCapabilities() {
        FakeKernel kernel = new FakeKernel(KernelSupport.enabled(7, 0));

        Exec.exec(kernel, new Launch(LAUNCH.path(), LAUNCH.argv(), LAUNCH.env(), Set.of(), 0, OptionalInt.of(9), true, false,
                OptionalLong.of(42)));

        assertThat(kernel.calls()).containsExactly("clearSignalMask", "ignoreSignals 0", "closeOnExecAbove2 keep []",
                "changeDirectory 9", "newSession", "endWithParent 42", "dropBoundingCapabilities", "clearAmbientCapabilities",
                "clearCapabilities", "execve /usr/bin/env [env, -0] [A=1, PATH=/usr/bin]");
    }

    @Test
    void keepsCapabilitiesOnlyWhenAsked() {
        FakeKernel kernel = new FakeKernel(KernelSupport.enabled(7, 0));

        Exec.exec(kernel, new Launch(LAUNCH.path(), LAUNCH.argv(), LAUNCH.env(), Set.of(), 0, OptionalInt.empty(), false, true,
                OptionalLong.empty()));

        assertThat(kernel.calls()).containsExactly("clearSignalMask", "ignoreSignals 0", "closeOnExecAbove2 keep []",
                "execve /usr/bin/env [env, -0] [A=1, PATH=/usr/bin]");
    }

    @Test
    void aCapabilityStepThatFailsStopsTheExec() {
        FakeKernel kernel = new FakeKernel(KernelSupport.enabled(7, 0)).failing("clearCapabilities", Errno.EPERM);

        KernelException failure = Exec.exec(kernel, LAUNCH);

        assertThat(failure.errno()).isEqualTo(Errno.EPERM);
        assertThat(kernel.calls()).endsWith("clearAmbientCapabilities", "clearCapabilities").noneMatch(c -> c.startsWith("execve"));
    }

    @Test
    void stopsAtTheFirstFailingStep() {
        FakeKernel kernel = new FakeKernel(KernelSupport.enabled(7, 0)).failing("closeOnExecAbove2", Errno.EBADF);

        KernelException failure = Exec.exec(kernel, LAUNCH);

        assertThat(failure.errno()).isEqualTo(Errno.EBADF);
        assertThat(kernel.calls()).containsExactly("clearSignalMask", "ignoreSignals 1001", "closeOnExecAbove2 keep [3, 7]");
    }
}
