package dev.runlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runlock.landlock.Abi;
import dev.runlock.landlock.AccessFs;
import dev.runlock.sandbox.Intent;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A rule's rights in the options' words, as {@code --explain} prints them. */
class RightWordsTest {
    private static final Set<AccessFs> ABI_10 = AccessFs.upTo(Abi.V10);

    @Test
    void eachIntentIsItsOptionsWordOnFilesAndDirectories() {
        for (Intent intent : new Intent[] {Intent.RO, Intent.ROX, Intent.RW, Intent.RWX, Intent.UNIX}) {
            String word = intent.name().toLowerCase(java.util.Locale.ROOT);
            assertThat(RightWords.of(intent.rights(true), true, ABI_10)).isEqualTo(word);
            assertThat(RightWords.of(intent.rights(false), false, ABI_10)).isEqualTo(word);
        }
        // What the kernel execs and what it maps read the same as --rox and --ro.
        assertThat(RightWords.of(Intent.EXEC_FILE.rights(false), false, ABI_10)).isEqualTo("rox");
        assertThat(RightWords.of(Intent.READ_FILE_ONLY.rights(false), false, ABI_10)).isEqualTo("ro");
    }

    @Test
    void aWordStandsForTheRightsTheRulesetHandles() {
        Set<AccessFs> abi2 = AccessFs.upTo(Abi.V2);
        Set<AccessFs> rw = EnumSet.copyOf(Intent.RW.rights(true));
        rw.retainAll(abi2);
        assertThat(RightWords.of(rw, true, abi2)).isEqualTo("rw");
        // Control: the same rights where truncate and ioctl are handled are less than rw.
        assertThat(RightWords.of(rw, true, ABI_10)).isEqualTo("ro+write_file+remove_dir+remove_file+make_char+make_dir"
                + "+make_reg+make_sock+make_fifo+make_block+make_sym+refer");
    }

    @Test
    void rightsBeyondAWordAreNamedAfterIt() {
        Set<AccessFs> rwUnix = EnumSet.copyOf(Intent.RW.rights(false));
        rwUnix.add(AccessFs.RESOLVE_UNIX);
        assertThat(RightWords.of(rwUnix, false, ABI_10)).isEqualTo("rw+resolve_unix");
        assertThat(RightWords.of(Set.of(AccessFs.WRITE_FILE), false, ABI_10)).isEqualTo("write_file");
        assertThat(RightWords.of(Set.of(), false, ABI_10)).isEqualTo("none");
    }
}
