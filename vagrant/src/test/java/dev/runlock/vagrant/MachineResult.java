package dev.runlock.vagrant;

import dev.runlock.conformance.Json;
import dev.runlock.kernels.GuestReport;
import dev.runlock.kernels.KernelOutcome;
import dev.runlock.kernels.KernelSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What one Vagrant machine did, judged like a qemu matrix kernel: its provisioning must pass
 * (check-guest.sh's last line) and the guest script's report must show the row's ABI and no
 * failed case.
 *
 * @param machine     the machine, named after its kernel matrix row
 * @param kernel      the release the guest ran ({@code uname -r}), if it said
 * @param expectedAbi the row's Landlock ABI
 * @param seenAbi     the ABI the guest reported, if it did
 * @param elapsed     wall time of the {@code vagrant up} of all machines (boot, rsync, provisioning)
 * @param problems    everything that went wrong; empty when the machine passed
 */
record MachineResult(String machine, Optional<String> kernel, int expectedAbi, OptionalInt seenAbi, Duration elapsed,
        List<String> problems) {

    /** {@code timeout}'s status for a command it killed at the limit, and after its grace time. */
    private static final List<Integer> TIMED_OUT = List.of(124, 137);
    private static final Pattern KERNEL = Pattern.compile("kernel (\\S+), expecting Landlock ABI");
    /** What check-guest.sh prints last when the provisioning passes. */
    private static final String PASSED = "PASS: Landlock ABI";

    MachineResult {
        problems = List.copyOf(problems);
    }

    /**
     * Judges {@code spec}'s machine from its lines in {@code machineLog}, given the status of the
     * {@code vagrant up} that ran every machine at once (empty if it never ran) and its wall time.
     */
    static MachineResult judge(KernelSpec spec, Path machineLog, OptionalInt status, Duration elapsed) {
        GuestReport guest = GuestReport.parse(machineLog);
        boolean timedOut = status.isPresent() && TIMED_OUT.contains(status.getAsInt());
        List<String> problems = new ArrayList<>();
        if (status.isEmpty()) {
            problems.add("vagrant up did not run");
        } else if (!timedOut && guest.console().stream().noneMatch(line -> line.contains(PASSED))) {
            problems.add("the provisioning did not pass (vagrant up exited " + status.getAsInt() + ", see " + machineLog + ")");
        }
        problems.addAll(KernelOutcome.judge(spec, List.of(), "vagrant", elapsed, Duration.ZERO, guest, timedOut).problems());
        Optional<String> kernel = guest.console().stream().map(KERNEL::matcher).filter(Matcher::find)
                .map(match -> match.group(1)).findFirst();
        return new MachineResult(spec.name(), kernel, spec.expectedAbi(), guest.abi(), elapsed, problems);
    }

    boolean passed() {
        return problems.isEmpty();
    }

    String json() {
        return """
                {"machine": %s, "kernel": %s, "expectedAbi": %d, "seenAbi": %s, "passed": %b, "seconds": %d,
                 "problems": [%s]}""".formatted(Json.quote(machine), kernel.map(Json::quote).orElse("null"), expectedAbi,
                seenAbi.isPresent() ? String.valueOf(seenAbi.getAsInt()) : "null", passed(), elapsed.toSeconds(),
                problems.stream().map(Json::quote).collect(Collectors.joining(", ")));
    }

    /** The number in {@code file}, empty if there is no such file or no number in it. */
    static OptionalInt number(Path file) {
        try {
            if (!Files.exists(file)) {
                return OptionalInt.empty();
            }
            String text = Files.readString(file).strip();
            return text.matches("\\d+") ? OptionalInt.of(Integer.parseInt(text)) : OptionalInt.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
