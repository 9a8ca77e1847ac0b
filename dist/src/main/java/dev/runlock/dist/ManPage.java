package dev.runlock.dist;

import dev.runlock.cli.Features;
import dev.runlock.cli.config.ConfigKey;
import dev.runlock.dist.CliModel.Flag;
import dev.runlock.landlock.Abi;
import dev.runlock.cli.preset.PresetContext;
import dev.runlock.cli.preset.PresetEntry;
import dev.runlock.cli.preset.Presets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code runlock(1)} in groff's man macros (with a tbl table): synopsis, description, options and
 * subcommands from the option model, {@code sandbox.toml}'s keys from {@link ConfigKey}, the
 * kernel table from {@link Abi} and {@link Features}; the rest is prose kept here.
 */
final class ManPage {
    /** A synopsis word: brackets or angles, the name or placeholder, closing brackets and dots. */
    private static final Pattern SYNOPSIS_WORD = Pattern.compile("([\\[<]*)([^\\[\\]<>.]+)([\\]>.]*)");
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
        // groff 1.23's man macros re-adjust each paragraph by the string AD (default b, justified),
        // which long lists of paths cannot meet: "cannot adjust line" warnings.
        line(".ds AD l");
        section("NAME");
        line("runlock \\- run a command that can only touch the paths, ports and IPC you allow (Landlock)");
        synopsis();
        section("DESCRIPTION");
        runlock.description().forEach(this::paragraph);
        section("OPTIONS");
        groffParagraph("Options come before the command; \\fB\\-\\-\\fR before it is optional, except that "
                + "a command named like a subcommand needs it (\\fBrunlock \\-\\-ro /etc \\-\\- trust\\fR): options "
                + "before a subcommand word are refused, never dropped. "
                + "List options take repeated flags or commas (\\fB\\-\\-ro /usr,/etc\\fR); a path option's value "
                + "that names an existing path is one path, commas and all, and one whose parts exist too is "
                + "refused as ambiguous.");
        options(runlock.options());
        section("COMMANDS");
        List<String> shared = runlock.optionNames();
        for (CliModel sub : runlock.subcommands()) {
            line(".TP");
            line("\\fBrunlock " + roman(sub.name()) + "\\fR");
            sub.description().forEach(text -> line(roman(text)));
            // Each option once: a subcommand lists only those runlock itself does not have.
            List<Flag> own = sub.options().stream().filter(o -> !shared.containsAll(o.names())).toList();
            if (sub.runsCommand()) {
                line(".br");
                line(roman("Takes the OPTIONS above" + (own.isEmpty() ? "." : ", and:")));
            }
            if (!own.isEmpty()) {
                line(".RS");
                options(own);
                line(".RE");
            }
        }
        presets();
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

    /** help's synopsis, one line per form, with option names in bold and placeholders in italics. */
    private void synopsis() {
        section("SYNOPSIS");
        for (int i = 0; i < runlock.synopsis().size(); i++) {
            if (i > 0) {
                line(".br");
            }
            line(Stream.of(runlock.synopsis().get(i).strip().split(" +")).map(ManPage::synopsisWord)
                    .collect(Collectors.joining(" ")));
        }
    }

    /** {@code [--write} → bold option, {@code <COMMAND>} → italic COMMAND, {@code runlock} → bold. */
    private static String synopsisWord(String word) {
        Matcher m = SYNOPSIS_WORD.matcher(word);
        if (!m.matches()) {
            return roman(word);
        }
        String core = m.group(2);
        String font = core.equals(core.toUpperCase(Locale.ROOT)) && !core.startsWith("-") ? "\\fI" : "\\fB";
        return roman(m.group(1).replace("<", "")) + font + roman(core) + "\\fR" + roman(m.group(3).replace(">", ""));
    }

    private void options(List<Flag> options) {
        for (Flag option : options) {
            line(".TP");
            String names = option.names().stream().map(n -> "\\fB" + roman(n) + "\\fR").collect(Collectors.joining(", "));
            line(names + (option.takesValue() ? " \\fI" + roman(option.label()) + "\\fR" : ""));
            line(roman(option.description()));
        }
    }

    /** The built-in presets as presets.toml writes them, placeholders unexpanded: true on every machine. */
    private void presets() {
        section("PRESETS");
        paragraph("--preset NAME (or preset = [...] in a sandbox.toml section) adds a built-in set of grants. "
                + "Values in braces are computed on the machine runlock runs on: {HOME}, {TMPDIR} ($TMPDIR, else "
                + "/tmp), {JAVA_HOME} ($JAVA_HOME, else the JDK of the java on PATH), {PYTHON_STDLIB} (the "
                + "standard library of the python being run), {PYTHON_LIBRARIES} (the libraries its compiled "
                + "modules need), {NSS_MODULES} (the NSS modules /etc/nsswitch.conf "
                + "names). Paths missing on the machine are skipped; runlock presets lists what each preset "
                + "grants there, and --explain names each rule's preset.");
        Presets presets = Presets.builtIn();
        PresetContext nowhere = new PresetContext(Map.of(), Optional.empty());
        for (String name : presets.names()) {
            line(".TP");
            line("\\fB" + roman(name) + "\\fR");
            List<String> parts = new ArrayList<>();
            List<String> included = presets.section(name).orElseThrow().strings(ConfigKey.PRESET);
            if (!included.isEmpty()) {
                parts.add(roman("includes " + String.join(", ", included)));
            }
            Map<ConfigKey, Set<String>> written = new LinkedHashMap<>();
            for (PresetEntry entry : presets.resolve(List.of(name), nowhere).entries()) {
                if (entry.preset().equals(name)) {
                    written.computeIfAbsent(entry.key(), k -> new LinkedHashSet<>()).add(entry.written());
                }
            }
            // A list as an option takes it, with a break point (\\:) after each comma for long lists.
            // executable_dependencies has no option: the programs are imported as the command is.
            written.forEach((key, values) -> parts.add((key == ConfigKey.EXECUTABLE_DEPENDENCIES ? roman("runs")
                    : "\\fB" + roman("--" + key.tomlName().replace('_', '-')) + "\\fR") + " "
                    + values.stream().map(ManPage::roman).collect(Collectors.joining(",\\:"))));
            line(String.join("; ", parts));
        }
    }

    private void sandboxToml() {
        section("SANDBOX.TOML");
        groffParagraph("runlock reads the file named by \\fBSANDBOX_CONFIG\\fR (which must then exist), or else "
                + "\\fIsandbox.toml\\fR in the working directory, and uses the section named after the command's "
                + "basename. Options add to the file's lists; a boolean given on the command line "
                + "(\\fB\\-\\-unrestricted\\-network=false\\fR) overrides the file. An unknown key, a wrong type or "
                + "malformed TOML is an error naming the file, line and column. A file writable by group or "
                + "others, or owned by someone other than you or root, is refused. Relative paths are relative to "
                + "the file's directory (for a symbolic link, the directory of the file it leads to).");
        groffParagraph("A \\fIsandbox.toml\\fR found in the working directory applies only once you trust it "
                + "(\\fBrunlock trust\\fR) where it is: a symbolic link needs its own trust even when the file it "
                + "leads to is trusted, and a change to the file, to where the link leads or to where any of its "
                + "path entries leads (a \\fBdocs\\fR directory turned into a link to \\fI~/.ssh\\fR) voids the "
                + "trust, naming what changed. A config that widens the sandbox beyond the command line (an "
                + "\\fBunrestricted_*\\fR key, writing \\fI/\\fR, \\fI/etc\\fR or your home, an \\fBabi\\fR "
                + "pin below the kernel's ABI, \\fBcompat = \"soft\"\\fR where it drops the sandbox, "
                + "\\fBkeep_fd\\fR) is named in one warning with those keys.");
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

    /** Each example works as written where its program exists (DistIT runs them), except placeholders named my-*. */
    private void examples() {
        section("EXAMPLES");
        example("List and read /etc and nothing else (ls and its libraries are granted automatically):",
                "runlock --ro /etc -- ls /etc");
        example("Work in the git repository in the current directory, with git's own files and nothing else of "
                + "your home:", "runlock --preset git --rw . -- git status --short");
        example("Print what would be allowed, and why, without running anything:",
                "runlock --explain --rw . -- make");
        example("A server that may bind port 8080 and connect to port 80 (landrun's command line):",
                "runlock --rox /usr --ro /lib,/lib64 --bind-tcp 8080 --connect-tcp 80 /usr/bin/my-server");
        example("The same sandbox on every kernel from Linux 6.12 on, or refuse to run:",
                "runlock --abi 6 --strict --ro /etc -- ls /etc");
        example("The built-in presets and what each grants on this machine:", "runlock presets");
        example("What this kernel's Landlock can enforce:", "runlock status");
    }

    private void example(String text, String command) {
        paragraph(text);
        line(".PP");
        line(".RS");
        line(".EX");
        line(roman(command));
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
