package dev.runlock.dist;

import dev.runlock.cli.Features;
import dev.runlock.cli.config.ConfigKey;
import dev.runlock.dist.CliModel.Flag;
import dev.runlock.landlock.Abi;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code runlock(1)} in groff's man macros (with a tbl table): synopsis, description, options and
 * subcommands from the option model, {@code sandbox.toml}'s keys from {@link ConfigKey}, the
 * kernel table from {@link Abi} and {@link Features}; the rest is prose kept here.
 */
final class ManPage {
    private final CliModel runlock;
    private final String version;
    private final StringBuilder out = new StringBuilder();

    ManPage(CliModel runlock, String version) {
        this.runlock = runlock;
        this.version = version;
    }

    String text() {
        // The first line asks man to run tbl for the kernel table.
        line("'\\\" t");
        line(".TH RUNLOCK 1 \"\" \"runlock " + roman(version) + "\" \"User Commands\"");
        // Left-aligned and unhyphenated: option names and paths must stay whole to be copied.
        line(".nh");
        line(".ad l");
        section("NAME");
        line("runlock \\- run a command that can only touch the paths, ports and IPC you allow (Landlock)");
        synopsis();
        section("DESCRIPTION");
        runlock.description().forEach(this::paragraph);
        section("OPTIONS");
        groffParagraph("Options come before the command; \\fB\\-\\-\\fR before it is optional. "
                + "List options take repeated flags or commas (\\fB\\-\\-ro /usr,/etc\\fR).");
        options(runlock.options());
        section("COMMANDS");
        for (CliModel sub : runlock.subcommands()) {
            line(".TP");
            line("\\fBrunlock " + roman(sub.name()) + "\\fR");
            sub.description().forEach(text -> line(roman(text)));
            line(".RS");
            options(sub.options());
            line(".RE");
        }
        sandboxToml();
        exitStatus();
        environment();
        kernels();
        examples();
        section("SEE ALSO");
        line(".BR landlock (7),");
        line(".BR landrun (1)");
        return out.toString();
    }

    private void synopsis() {
        section("SYNOPSIS");
        line(".B runlock");
        line("[\\fIOPTIONS\\fR] [\\fB\\-\\-\\fR] "
                + runlock.operands().stream().map(o -> "\\fI" + roman(o) + "\\fR").collect(Collectors.joining(" "))
                + " [\\fIARGS\\fR]...");
        for (CliModel sub : runlock.subcommands()) {
            line(".br");
            line(".B runlock " + roman(sub.name()));
            line("[\\fIOPTIONS\\fR]" + sub.operands().stream().map(o -> " \\fI" + roman(o) + "\\fR")
                    .collect(Collectors.joining()));
        }
    }

    private void options(List<Flag> options) {
        for (Flag option : options) {
            line(".TP");
            String names = option.names().stream().map(n -> "\\fB" + roman(n) + "\\fR").collect(Collectors.joining(", "));
            line(names + (option.takesValue() ? " \\fI" + roman(option.label()) + "\\fR" : ""));
            line(roman(option.description()));
        }
    }

    private void sandboxToml() {
        section("SANDBOX.TOML");
        groffParagraph("runlock reads the file named by \\fBSANDBOX_CONFIG\\fR (which must then exist), or else "
                + "\\fIsandbox.toml\\fR in the working directory, and uses the section named after the command's "
                + "basename. Options add to the file's lists; a boolean given on the command line "
                + "(\\fB\\-\\-unrestricted\\-network=false\\fR) overrides the file. An unknown key, a wrong type or "
                + "malformed TOML is an error naming the file, line and column. A file writable by group or "
                + "others, or owned by someone other than you or root, is refused.");
        line(".PP");
        line(".EX");
        for (String example : List.of("[python3]", "ro = [\"/etc\", \"/usr/lib/python3\"]", "rw = [\"/tmp/work\"]",
                "connect_tcp = [443, \"8000\\-8100\"]", "env = [\"HOME\", \"LANG=C.UTF\\-8\"]")) {
            line(example);
        }
        line(".EE");
        paragraph("Keys:");
        for (ConfigKey key : ConfigKey.values()) {
            line(".TP");
            line("\\fB" + roman(key.tomlName()) + "\\fR");
            line(roman(key.type().description()));
        }
    }

    private void exitStatus() {
        section("EXIT STATUS");
        paragraph("The command's own status, or 128+N when signal N kills it: runlock replaces itself with the "
                + "command, which keeps runlock's process ID.");
        paragraph("1 when runlock itself fails: a bad option or value, a configuration error, a missing path, a "
                + "kernel that lacks what --compat hard demands, a command that is not found or cannot be "
                + "executed. runlock then prints one line on standard error starting with \"runlock:\"; a Java "
                + "stack trace appears only with --log-level debug.");
    }

    private void environment() {
        section("ENVIRONMENT");
        variable("RUNLOCK_LOG_LEVEL", "The log level when --log-level is not given: error, warn (the default), "
                + "info or debug.");
        variable("LANDRUN_LOG_LEVEL", "landrun's name for the same, read when RUNLOCK_LOG_LEVEL is not set.");
        variable("SANDBOX_CONFIG", "The sandbox.toml file to read instead of the one in the working directory.");
        paragraph("The command receives only the variables passed with --env, whatever runlock's own "
                + "environment holds.");
    }

    private void variable(String name, String text) {
        line(".TP");
        line("\\fB" + roman(name) + "\\fR");
        line(roman(text));
    }

    private void kernels() {
        section("KERNELS");
        paragraph("What each Landlock ABI adds, and the first mainline Linux that has it. Distributions backport: "
                + "runlock asks the kernel for its ABI (runlock status), never guesses from the version. By "
                + "default runlock enforces what the kernel supports (--compat best) and warns when something owed "
                + "is missing: the Landlock " + Abi.baseline() + " baseline, or a rule or flag that needs more than "
                + "the kernel (or the pin) has; rights above the baseline that nothing asks for are left open "
                + "without a warning (--explain and status show them). --compat soft then runs unsandboxed, "
                + "--compat hard refuses. --abi N uses only rights of ABI N or older and owes all of them, so the "
                + "sandbox is the same on every newer kernel.");
        line(".TS");
        line("l l lx.");
        line("ABI\tLinux\tadds");
        line("_");
        for (Abi abi : Abi.values()) {
            if (abi == Abi.NONE) {
                continue;
            }
            String adds = Features.all().stream().filter(f -> f.since() == abi).map(Features::name)
                    .collect(Collectors.joining(", "));
            line(abi.number() + "\t" + roman(abi.firstKernel()) + "\tT{\n" + roman(adds) + "\nT}");
        }
        line(".TE");
    }

    private void examples() {
        section("EXAMPLES");
        example("Read /etc and nothing else (cat and its libraries are granted automatically):",
                "runlock \\-\\-ro /etc \\-\\- cat /etc/os\\-release");
        example("Build in the current directory with HTTPS out and a HOME:",
                "runlock \\-\\-rw . \\-\\-connect\\-tcp 443 \\-\\-env HOME \\-\\- git fetch");
        example("Print what would be allowed, and why, without running anything:",
                "runlock \\-\\-explain \\-\\-rw /tmp/build \\-\\- make");
        example("A server that may bind port 8080 and connect to port 80 (landrun's command line):",
                "runlock \\-\\-rox /usr \\-\\-ro /lib,/lib64 \\-\\-bind\\-tcp 8080 \\-\\-connect\\-tcp 80 "
                        + "/usr/bin/my\\-server");
        example("The same sandbox on every kernel from Linux 6.15 on, or refuse to run:",
                "runlock \\-\\-abi 7 \\-\\-strict \\-\\-ro /etc \\-\\- my\\-tool");
        example("Learn the section make needs into ./sandbox.toml (a failed run writes nothing and says why, "
                        + "PATH not passed among the reasons):",
                "runlock learn \\-\\-env PATH \\-\\-write sandbox.toml \\-\\- make");
        example("See what a sandbox denies a command, each with the option that would allow it:",
                "runlock diagnose \\-\\-rw . \\-\\-env PATH \\-\\- make");
        example("What this kernel's Landlock can enforce:", "runlock status");
    }

    private void example(String text, String command) {
        paragraph(text);
        line(".PP");
        line(".RS");
        line(".EX");
        line(command);
        line(".EE");
        line(".RE");
    }

    private void section(String name) {
        line(".SH " + name);
    }

    private void paragraph(String text) {
        groffParagraph(roman(text));
    }

    private void groffParagraph(String groff) {
        line(".PP");
        line(groff);
    }

    private void line(String text) {
        out.append(text).append('\n');
    }

    /** Plain text as groff input: backslashes and hyphens escaped, no line taken for a request. */
    private static String roman(String text) {
        String escaped = text.replace("\\", "\\e").replace("-", "\\-");
        return escaped.startsWith(".") || escaped.startsWith("'") ? "\\&" + escaped : escaped;
    }
}
