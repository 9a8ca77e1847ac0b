package dev.runlock.kernels;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How the matrix runs, from system properties ({@code -D} on the Maven command line).
 *
 * @param repo    runlock checkout with the launcher and built jars ({@code kernels.repo})
 * @param matrix  the kernel matrix file ({@code kernels.matrix})
 * @param target  directory for work files and the report ({@code kernels.target})
 * @param full    run the whole conformance suite in every guest and RunlockIT in the oldest too ({@code kernels.full})
 * @param only    kernel names to run, all when empty ({@code kernels.only}, comma-separated)
 * @param accel   forced accelerator, probed when empty ({@code kernels.accel}: auto, kvm, tcg)
 * @param timeout limit for one kernel's boot and guest run ({@code kernels.timeout}, seconds)
 */
public record RunSettings(Path repo, Path matrix, Path target, boolean full, Set<String> only,
        Optional<Accelerator> accel, Duration timeout) {

    public RunSettings {
        only = Set.copyOf(only);
    }

    /** Reads the {@code kernels.*} system properties; paths default to this module's layout. */
    public static RunSettings fromSystemProperties() {
        Path repo = Path.of(System.getProperty("kernels.repo", "..")).toAbsolutePath().normalize();
        String accel = System.getProperty("kernels.accel", "auto").strip().toUpperCase(Locale.ROOT);
        return new RunSettings(repo,
                Path.of(System.getProperty("kernels.matrix", repo.resolve("kernels/matrix.tsv").toString())),
                Path.of(System.getProperty("kernels.target", repo.resolve("kernels/target").toString())),
                Boolean.getBoolean("kernels.full"),
                Arrays.stream(System.getProperty("kernels.only", "").split(","))
                        .map(String::strip)
                        .filter(name -> !name.isEmpty())
                        .collect(Collectors.toSet()),
                accel.equals("AUTO") ? Optional.empty() : Optional.of(Accelerator.valueOf(accel)),
                Duration.ofSeconds(Long.parseLong(System.getProperty("kernels.timeout", "1800").strip())));
    }

    /** Whether {@code spec} is selected by {@code kernels.only}. */
    public boolean selects(KernelSpec spec) {
        return only.isEmpty() || only.contains(spec.name());
    }
}
