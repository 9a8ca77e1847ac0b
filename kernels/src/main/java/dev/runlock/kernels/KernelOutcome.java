package dev.runlock.kernels;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What happened to one kernel of the matrix.
 *
 * @param spec     the matrix row
 * @param packages the exact packages used (none for the host)
 * @param runOn    how it ran, e.g. {@code qemu TCG} or {@code host}
 * @param elapsed  wall time from fetching packages to power-off
 * @param cpu      qemu's CPU time (zero on the host): what the run costs on a machine shared with others
 * @param guest    what the guest reported
 * @param problems everything that went wrong; empty when the kernel passed
 */
public record KernelOutcome(KernelSpec spec, List<DebianPackage> packages, String runOn, Duration elapsed,
        Duration cpu, GuestReport guest, List<String> problems) {

    private static final int CONSOLE_TAIL = 25;

    public KernelOutcome {
        packages = List.copyOf(packages);
        problems = List.copyOf(problems);
    }

    /** Judges a finished guest run against what the matrix expects. */
    public static KernelOutcome judge(KernelSpec spec, List<DebianPackage> packages, String runOn, Duration elapsed,
            Duration cpu, GuestReport guest, boolean timedOut) {
        List<String> problems = new ArrayList<>();
        if (timedOut || !guest.finished()) {
            problems.add((timedOut ? "no result within the time limit" : "the guest stopped before finishing")
                    + "; last console lines:\n    " + String.join("\n    ", guest.tail(CONSOLE_TAIL)));
        }
        if (guest.abi().isEmpty()) {
            problems.add("the guest reported no Landlock ABI");
        } else if (guest.abi().getAsInt() != spec.expectedAbi()) {
            problems.add("Landlock ABI " + guest.abi().getAsInt() + ", expected " + spec.expectedAbi());
        }
        guest.cases().stream()
                .filter(result -> result.status() == CaseStatus.FAIL)
                .forEach(result -> problems.add(result.name() + " failed: " + result.detail()));
        return new KernelOutcome(spec, packages, runOn, elapsed, cpu, guest, problems);
    }

    /** A kernel that could not be prepared or booted at all. */
    public static KernelOutcome broken(KernelSpec spec, List<DebianPackage> packages, Duration elapsed, String why) {
        return new KernelOutcome(spec, packages, "-", elapsed, Duration.ZERO, GuestReport.parse(""), List.of(why));
    }

    public boolean passed() {
        return problems.isEmpty();
    }
}
