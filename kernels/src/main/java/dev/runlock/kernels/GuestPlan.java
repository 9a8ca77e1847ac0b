package dev.runlock.kernels;

import java.util.List;

/**
 * What one guest runs besides the fixed checks, derived from the whole matrix so that
 * {@code -Dkernels.only} does not change a kernel's share of the work.
 *
 * @param subset   the conformance subset: {@code all} on the newest kernel with Landlock (about
 *                 8 minutes under TCG), and everywhere with {@code kernels.full}; elsewhere
 *                 {@code features} (a case per Landlock feature), as the whole suite in every
 *                 guest does not fit CI's time budget (see Tests.md)
 * @param cliTests whether the cli's end-to-end tests (RunlockIT) run: on the newest kernel with
 *                 Landlock, which has every feature the host may lack, and on the oldest, which lacks
 *                 what the host has
 */
public record GuestPlan(String subset, boolean cliTests) {

    /** The plan of {@code spec} in {@code matrix}. */
    public static GuestPlan of(KernelSpec spec, List<KernelSpec> matrix, boolean full) {
        int[] landlock = matrix.stream().mapToInt(KernelSpec::expectedAbi).filter(abi -> abi > 0).sorted().toArray();
        boolean newest = landlock.length > 0 && spec.expectedAbi() == landlock[landlock.length - 1];
        boolean oldest = landlock.length > 0 && spec.expectedAbi() == landlock[0];
        return new GuestPlan(full || newest ? "all" : "features", newest || oldest);
    }
}
