package dev.runlock.cli;

import dev.runlock.cli.text.Printable;
import dev.runlock.landlock.Abi;
import dev.runlock.landlock.Erratum;
import dev.runlock.landlock.KernelSupport;
import dev.runlock.landlock.Mptcp;
import dev.runlock.landlock.kernel.LandlockKernel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code runlock status}: what this kernel's Landlock can enforce. */
final class StatusCommand {
    private StatusCommand() {
    }

    /** Prints the report on {@code landlock} to {@code out}, as one JSON object if {@code json}; returns the exit status. */
    static int run(boolean json, PrintWriter out, LandlockKernel landlock) {
        return print(landlock.probe(), json, out);
    }

    /** The report on {@code kernel}; the exit status is 0. */
    static int print(KernelSupport kernel, boolean json, PrintWriter out) {
        if (json) {
            out.println(json(kernel));
        } else {
            text(kernel).forEach(line -> out.println(Printable.of(line)));
        }
        out.flush();
        return 0;
    }

    static String kernelRelease() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    static String mptcp(KernelSupport kernel) {
        return switch (Mptcp.whenTcpRestricted(kernel)) {
            case NOT_RESTRICTED -> "not applicable (no TCP restriction here)";
            case BLOCKED_BY_SECCOMP ->
                    "closed by runlock's seccomp filter when TCP is restricted, with SCTP, SMC and TCP Fast Open (Landlock's TCP rights skip MPTCP here)";
            case COVERED_BY_LANDLOCK -> "covered by Landlock's TCP rights (kernel without erratum 1); SCTP, SMC and "
                    + "TCP Fast Open closed by runlock's seccomp filter when TCP is restricted";
        };
    }

    /** The seccomp filter runlock always installs, whatever Landlock can do. */
    static final String TERMINAL_GUARD = "input injection (TIOCSTI, TIOCLINUX) fails with EPERM (runlock's seccomp filter)";

    private static List<String> text(KernelSupport kernel) {
        List<String> lines = new ArrayList<>();
        lines.add("kernel:    " + kernelRelease());
        lines.add("landlock:  " + kernel.availability().json()
                + (kernel.available() ? ", ABI " + kernel.reportedVersion() : " - " + Wording.reason(kernel))
                + (kernel.newerThanKnown() ? " (newer than runlock knows: used as " + kernel.abi() + ")" : ""));
        lines.add("errata:    " + (kernel.available() ? errata(kernel) : "-"));
        lines.add("mptcp:     " + mptcp(kernel));
        lines.add("terminal:  " + TERMINAL_GUARD);
        lines.add("baseline:  " + (kernel.abi().atLeast(Abi.baseline())
                ? Abi.baseline() + " met: runlock warns only when something asked for is missing"
                : Abi.baseline() + " NOT met: runlock warns on every run"));
        lines.add("features (enforced here?):");
        int width = Features.all().stream().mapToInt(f -> f.name().length()).max().orElse(0);
        for (Features f : Features.all()) {
            lines.add(String.format("  %-3s %-" + width + "s  %s", kernel.abi().atLeast(f.since()) ? "yes" : "no", f.name(),
                    f.since() + ", Linux " + f.since().firstKernel()));
        }
        return lines;
    }

    private static String errata(KernelSupport kernel) {
        List<String> names = new ArrayList<>();
        for (Erratum e : Erratum.values()) {
            if (kernel.has(e)) {
                names.add(e.number() + " (" + e.description() + ")");
            }
        }
        return String.format("0x%x", kernel.errata()) + (names.isEmpty() ? "" : ": " + String.join(", ", names));
    }

    private static String json(KernelSupport kernel) {
        StringBuilder out = new StringBuilder("{");
        out.append("\"kernel\": ").append(Json.string(kernelRelease()));
        out.append(", \"landlock\": ").append(Json.string(kernel.availability().json()));
        out.append(", \"abi\": ").append(kernel.abi().number());
        out.append(", \"reported_abi\": ").append(kernel.reportedVersion());
        out.append(", \"errata\": ").append(kernel.errata());
        out.append(", \"reason\": ").append(Json.string(kernel.available() ? "" : Wording.reason(kernel)));
        out.append(", \"mptcp\": ").append(Json.string(mptcp(kernel)));
        out.append(", \"terminal\": ").append(Json.string(TERMINAL_GUARD));
        out.append(", \"features\": [");
        List<Features> all = Features.all();
        for (int i = 0; i < all.size(); i++) {
            Features f = all.get(i);
            out.append(i == 0 ? "" : ", ").append("{\"name\": ").append(Json.string(f.name()))
                    .append(", \"abi\": ").append(f.since().number())
                    .append(", \"enforced\": ").append(kernel.abi().atLeast(f.since())).append('}');
        }
        return out.append("]}").toString();
    }
}
