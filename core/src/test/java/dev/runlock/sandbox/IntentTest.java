package dev.runlock.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runlock.landlock.AccessFs;
import java.util.EnumSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each intent's rights on a file and on a directory, with landrun's meanings. */
class IntentTest {
    private static final String DIR_WRITE = "REMOVE_DIR REMOVE_FILE MAKE_CHAR MAKE_DIR MAKE_REG MAKE_SOCK MAKE_FIFO "
            + "MAKE_BLOCK MAKE_SYM REFER";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "RO | READ_FILE | READ_FILE READ_DIR",
            "ROX | READ_FILE EXECUTE | READ_FILE EXECUTE READ_DIR",
            "RW | READ_FILE WRITE_FILE TRUNCATE IOCTL_DEV | READ_FILE WRITE_FILE TRUNCATE IOCTL_DEV READ_DIR "
                    + DIR_WRITE,
            "RWX | READ_FILE WRITE_FILE TRUNCATE IOCTL_DEV EXECUTE | READ_FILE WRITE_FILE TRUNCATE IOCTL_DEV "
                    + "EXECUTE READ_DIR " + DIR_WRITE,
            "UNIX | READ_FILE RESOLVE_UNIX | READ_FILE RESOLVE_UNIX READ_DIR",
            "EXEC_FILE | READ_FILE EXECUTE | READ_FILE EXECUTE",
            "READ_FILE_ONLY | READ_FILE | READ_FILE"})
    void rightsPerFileAndDirectory(Intent intent, String onFile, String onDirectory) {
        assertThat(intent.rights(false)).isEqualTo(rights(onFile));
        assertThat(intent.rights(true)).isEqualTo(rights(onDirectory));
        assertThat(AccessFs.fileRights()).containsAll(intent.rights(false));
    }

    private static EnumSet<AccessFs> rights(String names) {
        EnumSet<AccessFs> set = EnumSet.noneOf(AccessFs.class);
        for (String name : names.trim().split("\\s+")) {
            set.add(AccessFs.valueOf(name));
        }
        return set;
    }
}
