package dev.runlock.landlock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Every constant against the uapi header's values (landlock-reference §1.2 and §1.3). */
class ConstantsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "EXECUTE, 0x1, 1, true",
            "WRITE_FILE, 0x2, 1, true",
            "READ_FILE, 0x4, 1, true",
            "READ_DIR, 0x8, 1, false",
            "REMOVE_DIR, 0x10, 1, false",
            "REMOVE_FILE, 0x20, 1, false",
            "MAKE_CHAR, 0x40, 1, false",
            "MAKE_DIR, 0x80, 1, false",
            "MAKE_REG, 0x100, 1, false",
            "MAKE_SOCK, 0x200, 1, false",
            "MAKE_FIFO, 0x400, 1, false",
            "MAKE_BLOCK, 0x800, 1, false",
            "MAKE_SYM, 0x1000, 1, false",
            "REFER, 0x2000, 2, false",
            "TRUNCATE, 0x4000, 3, true",
            "IOCTL_DEV, 0x8000, 5, true",
            "RESOLVE_UNIX, 0x10000, 9, true"})
    void filesystemRights(AccessFs right, String bit, int abi, boolean onFiles) {
        assertBit(right, bit, abi);
        assertThat(right.appliesToFiles()).isEqualTo(onFiles);
        assertThat(AccessFs.fileRights().contains(right)).isEqualTo(onFiles);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"BIND_TCP, 0x1, 4, TCP", "CONNECT_TCP, 0x2, 4, TCP", "BIND_UDP, 0x4, 10, UDP",
            "CONNECT_SEND_UDP, 0x8, 10, UDP"})
    void networkRights(AccessNet right, String bit, int abi, AccessNet.Protocol protocol) {
        assertBit(right, bit, abi);
        assertThat(right.protocol()).isEqualTo(protocol);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ABSTRACT_UNIX_SOCKET, 0x1, 6", "SIGNAL, 0x2, 6"})
    void scopes(Scope scope, String bit, int abi) {
        assertBit(scope, bit, abi);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"LOG_SAME_EXEC_OFF, 0x1, 7", "LOG_NEW_EXEC_ON, 0x2, 7", "LOG_SUBDOMAINS_OFF, 0x4, 7", "TSYNC, 0x8, 8",
            "NO_NEW_PRIVS, 0x10, 11"})
    void restrictSelfFlags(RestrictFlag flag, String bit, int abi) {
        assertBit(flag, bit, abi);
    }

    @Test
    void addRuleQuietFlag() {
        assertBit(AddRuleFlag.QUIET, "0x1", 10);
    }

    /** §1.2 of the reference, row by row: what "everything ABI n knows" must be. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Abi.class)
    void masksPerAbi(Abi abi) {
        assertThat(hex(LandlockBit.mask(AccessFs.upTo(abi)))).isEqualTo(hex(AbiTable.fs(abi)));
        assertThat(hex(LandlockBit.mask(AccessNet.upTo(abi)))).isEqualTo(hex(AbiTable.net(abi)));
        assertThat(hex(LandlockBit.mask(Scope.upTo(abi)))).isEqualTo(hex(AbiTable.scopes(abi)));
        assertThat(hex(LandlockBit.mask(RestrictFlag.upTo(abi)))).isEqualTo(hex(AbiTable.restrictFlags(abi)));
    }

    @Test
    void fileRightsAreTheKernelsAccessFileSet() {
        assertThat(AccessFs.fileRights()).isEqualTo(EnumSet.of(AccessFs.EXECUTE, AccessFs.WRITE_FILE,
                AccessFs.READ_FILE, AccessFs.TRUNCATE, AccessFs.IOCTL_DEV, AccessFs.RESOLVE_UNIX));
    }

    @ParameterizedTest(name = "Abi.of({0}) = {1}")
    @CsvSource({"-7, NONE", "-1, NONE", "0, NONE", "1, V1", "7, V7", "10, V10", "11, V11", "12, V11", "99, V11",
            "2147483647, V11"})
    void kernelVersionsClampToKnownAbis(int version, Abi expected) {
        assertThat(Abi.of(version)).isEqualTo(expected);
    }

    @Test
    void userGivenAbiNumbers() {
        assertThat(Abi.parse(" 4 ")).isEqualTo(Abi.V4);
        assertThatThrownBy(() -> Abi.parse("0")).hasMessage("ABI 0 does not exist (1-11)");
        assertThat(Abi.parse("11")).isEqualTo(Abi.V11);
        assertThatThrownBy(() -> Abi.parse("12")).hasMessage("ABI 12 does not exist (1-11)");
        assertThatThrownBy(() -> Abi.parse("seven")).hasMessage("'seven' is not an ABI number (1-11)");
    }

    @Test
    void abiOrderAndNames() {
        assertThat(Abi.newest()).isEqualTo(Abi.V11);
        assertThat(Abi.min(Abi.V7, Abi.V3)).isEqualTo(Abi.V3);
        assertThat(Abi.V7.atLeast(Abi.V7)).isTrue();
        assertThat(Abi.V6.atLeast(Abi.V7)).isFalse();
        assertThat(Abi.V7).hasToString("ABI 7");
        assertThat(Abi.NONE).hasToString("none");
        assertThat(Abi.V4.firstKernel()).isEqualTo("6.7");
        assertThat(Abi.V11.firstKernel()).isEqualTo("7.3");
    }

    private static void assertBit(LandlockBit constant, String bit, int abi) {
        assertThat(hex(constant.bit())).isEqualTo(hex(Long.decode(bit)));
        assertThat(constant.since()).isEqualTo(Abi.of(abi));
        assertThat(constant.feature()).isNotBlank();
    }

    private static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }
}
