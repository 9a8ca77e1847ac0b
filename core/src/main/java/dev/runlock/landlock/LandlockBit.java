package dev.runlock.landlock;

import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;

/** A Landlock constant: its bit in a kernel mask and the ABI that introduced it. */
public interface LandlockBit {
    /**
     * What every Landlock constant knows about itself.
     *
     * @param feature what a user loses when the kernel lacks the bit, e.g. "truncate"
     */
    record Spec(long bit, Abi since, String feature) {
        /** The constant at bit position {@code shift}. */
        public static Spec at(int shift, Abi since, String feature) {
            return new Spec(1L << shift, since, feature);
        }
    }

    /** Oldest ABI first, then by bit: the order in which losses are listed. */
    Comparator<LandlockBit> ABI_ORDER = Comparator.comparing(LandlockBit::since).thenComparingLong(LandlockBit::bit);

    Spec spec();

    default long bit() {
        return spec().bit();
    }

    default Abi since() {
        return spec().since();
    }

    /** What a user loses when the kernel lacks this bit, e.g. "truncate". */
    default String feature() {
        return spec().feature();
    }

    /** The kernel mask of some bits. */
    static long mask(Collection<? extends LandlockBit> bits) {
        long mask = 0;
        for (LandlockBit b : bits) {
            mask |= b.bit();
        }
        return mask;
    }

    /** The constants of {@code type} introduced at or before {@code abi}. */
    static <E extends Enum<E> & LandlockBit> EnumSet<E> upTo(Class<E> type, Abi abi) {
        EnumSet<E> set = EnumSet.noneOf(type);
        for (E e : type.getEnumConstants()) {
            if (abi.atLeast(e.since())) {
                set.add(e);
            }
        }
        return set;
    }
}
