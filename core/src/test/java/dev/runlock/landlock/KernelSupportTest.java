package dev.runlock.landlock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runlock.landlock.KernelSupport.Availability;
import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KernelSupportTest {

    @ParameterizedTest(name = "errata 0x{0}")
    @CsvSource({
            "0, ''",
            "1, TCP_SOCKET_IDENTIFICATION",
            "2, SCOPED_SIGNAL_HANDLING",
            "4, DISCONNECTED_DIRECTORY",
            "7, TCP_SOCKET_IDENTIFICATION SCOPED_SIGNAL_HANDLING DISCONNECTED_DIRECTORY",
            "9, TCP_SOCKET_IDENTIFICATION",
            "fffffffffffffff8, ''",
            "ffffffffffffffff, TCP_SOCKET_IDENTIFICATION SCOPED_SIGNAL_HANDLING DISCONNECTED_DIRECTORY"})
    void errataMasksKeepKnownBitsOnly(String mask, String expected) {
        EnumSet<Erratum> want = EnumSet.noneOf(Erratum.class);
        for (String name : expected.split(" ")) {
            if (!name.isEmpty()) {
                want.add(Erratum.valueOf(name));
            }
        }
        KernelSupport kernel = KernelSupport.enabled(7, Long.parseUnsignedLong(mask, 16));

        assertThat(kernel.knownErrata()).isEqualTo(want);
        for (Erratum e : Erratum.values()) {
            assertThat(kernel.has(e)).as(e.name()).isEqualTo(want.contains(e));
        }
    }

    @Test
    void erratumNumbersAreBitPlusOne() {
        assertThat(Erratum.TCP_SOCKET_IDENTIFICATION.number()).isEqualTo(1);
        assertThat(Erratum.TCP_SOCKET_IDENTIFICATION.bit()).isEqualTo(0x1);
        assertThat(Erratum.SCOPED_SIGNAL_HANDLING.bit()).isEqualTo(0x2);
        assertThat(Erratum.DISCONNECTED_DIRECTORY.bit()).isEqualTo(0x4);
        assertThat(Erratum.TCP_SOCKET_IDENTIFICATION.concerns()).isEqualTo(Abi.V4);
        assertThat(Erratum.SCOPED_SIGNAL_HANDLING.concerns()).isEqualTo(Abi.V6);
        assertThat(Erratum.DISCONNECTED_DIRECTORY.concerns()).isEqualTo(Abi.V1);
    }

    @Test
    void newerKernelVersionIsKeptRawButClamped() {
        KernelSupport kernel = KernelSupport.enabled(12, 0);

        assertThat(kernel.available()).isTrue();
        assertThat(kernel.abi()).isEqualTo(Abi.V11);
        assertThat(kernel.reportedVersion()).isEqualTo(12);
        assertThat(kernel.newerThanKnown()).isTrue();
        assertThat(KernelSupport.enabled(11, 0).newerThanKnown()).isFalse();
    }

    @Test
    void anUnavailableKernelHasNoAbi() {
        KernelSupport absent = KernelSupport.unavailable(Availability.ABSENT, Errno.ENOSYS);

        assertThat(absent.available()).isFalse();
        assertThat(absent.abi()).isEqualTo(Abi.NONE);
        assertThat(absent.errno()).isEqualTo(Errno.ENOSYS);
    }

    @Test
    void pathRuleOnAFileKeepsOnlyFileRights() {
        PathRule onFile = new PathRule(Path.of("/f"), false, AccessFs.upTo(Abi.V10), "--rw");
        PathRule onDir = new PathRule(Path.of("/d"), true, AccessFs.upTo(Abi.V10), "--rw");

        assertThat(onFile.access()).isEqualTo(AccessFs.fileRights());
        assertThat(onDir.access()).isEqualTo(AccessFs.upTo(Abi.V10));
        assertThat(onFile.within(EnumSet.of(AccessFs.READ_FILE, AccessFs.READ_DIR)).access())
                .containsExactly(AccessFs.READ_FILE);
        assertThat(new PathRule(Path.of("/f"), false, EnumSet.of(AccessFs.READ_DIR), "x").access()).isEmpty();
    }

    @Test
    void portRuleRejectsPortsOutsideTheKernelsRange() {
        assertThatThrownBy(() -> new PortRule(EnumSet.of(AccessNet.BIND_TCP), 65536, "x"))
                .hasMessage("port 65536 is outside 0-65535");
        assertThat(new PortRule(EnumSet.of(AccessNet.BIND_TCP, AccessNet.BIND_UDP), 0, "x")
                .within(EnumSet.of(AccessNet.BIND_TCP)).access()).containsExactly(AccessNet.BIND_TCP);
    }
}
