package dev.runlock.cli;

import dev.runlock.cli.text.Printable;
import dev.runlock.landlock.Abi;
import dev.runlock.landlock.Erratum;
import dev.runlock.landlock.KernelSupport;
import dev.runlock.landlock.AccessFs;
import dev.runlock.landlock.Mptcp;
import dev.runlock.landlock.UnixSockets;
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
                    "closed by runlock's seccomp filter when TCP is restricted, with SCTP and SMC (Landlock's TCP rights skip MPTCP here)";
            case COVERED_BY_LANDLOCK -> "covered by Landlock's TCP rights (kernel without erratum 1); SCTP and SMC "
                    + "closed by runlock's seccomp filter when TCP is restricted";
        };
    }

    static String unixSockets(KernelSupport kernel) {
        return switch (UnixSockets.whenFilesystemRestricted(kernel)) {
            case NOT_RESTRICTED, OPEN_FOR_GRANT -> "not applicable (no filesystem restriction here)";
            case COVERED_BY_LANDLOCK -> "connecting to a pathname socket needs a grant (Landlock "
                    + AccessFs.RESOLVE_UNIX.since() + ")";
            case BLOCKED_BY_SECCOMP -> "Landlock " + kernel.abi() + " cannot restrict pathname sockets: while the "
                    + "filesystem is restricted and no " + Option.UNIX.longName() + " path is granted, runlock's seccomp "
                    + "filter refuses socket(AF_UNIX); with a granted one, every pathname socket is reachable";
        };
    }

    /** The seccomp filter runlock always installs, whatever Landlock can do. */
    static final String TERMINAL_GUARD = "input injection (TIOCSTI, TIOCLINUX) fails with EPERM (runlock's seccomp filter)";

    /** What runlock does with its capabilities, whatever the kernel. */
    static final String CAPABILITIES = "all dropped before the command starts (bounding, ambient, inheritable, "
            + "permitted, effective), also when run by root, unless " + Option.KEEP_CAPABILITIES.longName();

    /** A row's label, padded so that every row's text starts in the same column. */
    private static String row(String label) {
        return String.format("%-14s", label + ":");
    }

    private static List<String> text(KernelSupport kernel) {
        List<String> lines = new ArrayList<>();
        lines.add(row("kernel") + kernelRelease());
        lines.add(row("landlock") + kernel.availability().json()
                + (kernel.available() ? ", ABI " + kernel.reportedVersion() : " - " + Wording.reason(kernel))
                + (kernel.newerThanKnown() ? " (newer than runlock knows: used as " + kernel.abi() + ")" : ""));
        lines.add(row("errata") + (kernel.available() ? errata(kernel) : "-"));
        lines.add(row("mptcp") + mptcp(kernel));
        lines.add(row("unix") + unixSockets(kernel));
        lines.add(row("terminal") + TERMINAL_GUARD);
        lines.add(row("capabilities") + CAPABILITIES);
        lines.add(row("baseline") + (kernel.abi().atLeast(Abi.baseline())
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
        out.append(", \"unix_sockets\": ").append(Json.string(unixSockets(kernel)));
        out.append(", \"terminal\": ").append(Json.string(TERMINAL_GUARD));
        out.append(", \"capabilities\": ").append(Json.string(CAPABILITIES));
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
