package dev.runlock.cli;

import dev.runlock.landlock.AccessFs;
import dev.runlock.landlock.LandlockBit;
import dev.runlock.sandbox.Intent;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A path rule's rights in the words of the options that grant them ({@code ls}, {@code ro},
 * {@code rox}, {@code rw}, {@code rwx}, {@code unix}), plus the kernel's names of any right beyond the
 * nearest one ({@code ro+write_file}): what the user typed, not 15 kernel names.
 */
final class RightWords {
    private static final List<Intent> WORDS = List.of(Intent.LS, Intent.RO, Intent.ROX, Intent.RW, Intent.RWX,
            Intent.UNIX);

    private RightWords() {
    }

    /**
     * @param handled the rights the ruleset handles: an option's word stands for the part of its
     *                rights this ruleset has ({@code rw} lacks {@code ioctl_dev} below ABI 5)
     */
    static String of(Set<AccessFs> access, boolean directory, Set<AccessFs> handled) {
        if (access.isEmpty()) {
            return "none";
        }
        Intent best = null;
        Set<AccessFs> bestRights = Set.of();
        for (Intent intent : WORDS) {
            Set<AccessFs> rights = EnumSet.noneOf(AccessFs.class);
            rights.addAll(intent.rights(directory));
            rights.retainAll(handled);
            if (rights.equals(access)) {
                return word(intent);
            }
            if (access.containsAll(rights) && rights.size() > bestRights.size()) {
                best = intent;
                bestRights = rights;
            }
        }
        EnumSet<AccessFs> extra = EnumSet.copyOf(access);
        extra.removeAll(bestRights);
        return best == null ? names(access) : word(best) + "+" + names(extra).replace(",", "+");
    }

    /** The kernel's names, lower case, in bit order: {@code write_file,read_file}. */
    static String names(Collection<? extends LandlockBit> bits) {
        return bits.stream().sorted((a, b) -> Long.compare(a.bit(), b.bit())).map(b -> ((Enum<?>) b).name().toLowerCase(Locale.ROOT))
                .distinct().collect(Collectors.joining(","));
    }

    private static String word(Intent intent) {
        return intent.name().toLowerCase(Locale.ROOT);
    }
}
