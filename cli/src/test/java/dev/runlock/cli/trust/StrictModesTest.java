package dev.runlock.cli.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runlock.testkit.MachineCapability;
import dev.runlock.cli.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** OpenSSH-like StrictModes: who could have written the config, or the way to it. */
class StrictModesTest {
    /** An account that is neither root nor the caller (nobody). */
    private static final int OTHER = 65534;

    @TempDir
    Path dir;

    private Path file;

    @BeforeEach
    void config() throws Exception {
        file = Files.writeString(dir.resolve("sandbox.toml"), "[t]\n");
    }

    private String refusal(Path path) {
        return assertThatThrownBy(() -> StrictModes.regularFile(path, "config")).isInstanceOf(ConfigException.class)
                .actual().getMessage();
    }

    private static void mode(Path path, String mode) throws IOException {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
    }

    /** PosixFilePermissions cannot say sticky. */
    private static void sticky(Path directory, boolean othersWrite) throws IOException {
        Files.setAttribute(directory, "unix:mode", othersWrite ? 01777 : 01755);
    }

    private static void assumeRoot() {
        MachineCapability.ROOT.assume("giving a file to another user needs root: that case of StrictModes is not tested");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-------", "rw-r--r--", "r--r--r--"})
    void theCallersOwnFileIsAcceptedAndItsRealPathReturned(String mode) throws Exception {
        mode(file, mode);
        assertThat(StrictModes.regularFile(file, "config")).isEqualTo(file.toRealPath());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-rw-r--", "rw-r--rw-", "rw-rw-rw-"})
    void aFileOthersCanWriteIsRefused(String mode) throws IOException {
        mode(file, mode);
        assertThat(refusal(file)).isEqualTo(file + ": refusing config writable by group or others (chmod go-w "
                + file.toRealPath() + ")");
    }

    @Test
    void aDirectoryAboveThatOthersCanWriteIsRefused() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("clone/sub"));
        Path config = Files.writeString(repo.resolve("sandbox.toml"), "[t]\n");
        mode(repo.getParent(), "rwxrwxr-x");
        assertThat(refusal(config)).isEqualTo(config + ": refusing config: directory " + repo.getParent()
                + " is writable by group or others (chmod go-w " + repo.getParent() + ")");
        mode(repo.getParent(), "rwxr-xr-x");
        assertThat(StrictModes.regularFile(config, "config")).isEqualTo(config);
    }

    @Test
    void aStickyDirectoryIsFineAboveAnEntryTheCallerOwns() throws Exception {
        Path shared = Files.createDirectory(dir.resolve("shared"));
        sticky(shared, true);
        Path config = Files.writeString(shared.resolve("sandbox.toml"), "[t]\n");
        assertThat(StrictModes.regularFile(config, "config")).isEqualTo(config);
        mode(shared, "rwxrwxrwx");
        assertThat(refusal(config)).contains("directory " + shared + " is writable by group or others");
    }

    @Test
    void aStickyDirectoryIsNoExcuseForAnotherUsersEntry() throws Exception {
        assumeRoot();
        Path shared = Files.createDirectory(dir.resolve("shared"));
        sticky(shared, true);
        Path theirs = Files.createDirectory(shared.resolve("theirs"));
        Path config = Files.writeString(theirs.resolve("sandbox.toml"), "[t]\n");
        Files.setAttribute(theirs, "unix:uid", OTHER);
        assertThat(refusal(config)).isEqualTo(config + ": refusing config: " + theirs + " is owned by uid " + OTHER
                + " (only the caller's or root's files are trusted)");
    }

    @Test
    void aFileOwnedByAnotherUserIsRefused() throws Exception {
        assumeRoot();
        Files.setAttribute(file, "unix:uid", OTHER);
        assertThat(refusal(file)).isEqualTo(file + ": refusing config owned by uid " + OTHER
                + " (only the caller's or root's files are trusted)");
    }

    @Test
    void aSymlinkNeedsATrustedOwnerAndATrustedTarget() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("link.toml"), file.getFileName());
        assertThat(StrictModes.regularFile(link, "config")).isEqualTo(file);
        mode(file, "rw-rw-rw-");
        assertThat(refusal(link)).isEqualTo(link + ": refusing config writable by group or others (chmod go-w "
                + file + ")");
        mode(file, "rw-r--r--");
        assumeRoot();
        Files.setAttribute(link, "unix:uid", OTHER, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        assertThat(refusal(link)).isEqualTo(link + ": refusing config: " + link + " is owned by uid " + OTHER
                + " (only the caller's or root's files are trusted)");
    }

    @Test
    void aLinkedDirectoryIsCheckedWhereItLeads() throws Exception {
        Path real = Files.createDirectory(dir.resolve("real"));
        Path config = Files.writeString(real.resolve("sandbox.toml"), "[t]\n");
        Path viaLink = Files.createSymbolicLink(dir.resolve("alias"), real).resolve("sandbox.toml");
        assertThat(StrictModes.regularFile(viaLink, "config")).isEqualTo(config);
        mode(real, "rwxrwxrwx");
        assertThat(refusal(viaLink)).contains("directory " + real + " is writable by group or others");
    }

    @Test
    void linkLoopsAndDanglingLinksAreOneLine() throws Exception {
        Path a = dir.resolve("a.toml");
        Path b = Files.createSymbolicLink(dir.resolve("b.toml"), a);
        Files.createSymbolicLink(a, b);
        assertThat(refusal(a)).isEqualTo(a + ": cannot read: too many levels of symbolic links");
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.toml"), dir.resolve("absent"));
        assertThat(refusal(dangling)).isEqualTo(dangling + ": cannot read: No such file or directory ("
                + dir.resolve("absent") + ")");
    }

    @Test
    void somethingElseThanARegularFileIsNamed() throws Exception {
        assertThat(refusal(dir)).isEqualTo(dir + ": not a regular file");
        assertThat(refusal(Path.of("/dev/null"))).isEqualTo("/dev/null: not a regular file");
    }

    @Test
    void theTrustStoresDirectoryMustBeTheCallers() throws Exception {
        Path store = Files.createDirectory(dir.resolve("runlock"));
        assertThat(StrictModes.directory(store, "trust store")).isEqualTo(store);
        sticky(store, true);
        assertThatThrownBy(() -> StrictModes.directory(store, "trust store")).hasMessage(store
                + ": refusing trust store in a directory writable by group or others (chmod go-w " + store + ")");
    }
}
