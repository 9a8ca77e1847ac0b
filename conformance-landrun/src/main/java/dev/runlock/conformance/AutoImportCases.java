package dev.runlock.conformance;

import static dev.runlock.conformance.Expectation.exit;
import static dev.runlock.conformance.Fixture.EXEC;
import static dev.runlock.conformance.Fixture.RO;
import static dev.runlock.conformance.Invocation.sandbox;
import static dev.runlock.conformance.OwnCases.own;
import static dev.runlock.conformance.Words.line;
import static dev.runlock.conformance.Words.which;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Own cases: what auto-import grants, and -d turning it off. */
final class AutoImportCases {
    private AutoImportCases() {
    }

    static List<Case> all() {
        return List.of(
                own("R01", "auto-import runs a binary with nothing else granted",
                        f -> sandbox(line("--ro " + RO + " -- cat " + RO + "/test.txt")).autoImported(),
                        exit(0).and(Check.stdoutContains("readonly content"))),
                own("R02", "auto-import grants the shared libraries of ls",
                        f -> sandbox(line("--ro /etc -- ls /etc")).autoImported(),
                        exit(0).and(Check.stdoutContains("hostname"))),
                own("R03", "auto-import follows #! to the script's interpreter",
                        f -> sandbox(line("-- " + EXEC + "/test.sh")).autoImported(),
                        exit(0).and(Check.stdoutContains("executable content"))).requires(Capability.SCRIPT_IMPORT),
                own("R04", "auto-import follows #!/usr/bin/env to the interpreter found on PATH", f -> {
                    f.write(EXEC + "/env.sh", "#!/usr/bin/env bash\necho \"env content\"\n", true);
                    return sandbox(line("--env PATH -- " + EXEC + "/env.sh")).autoImported();
                }, exit(0).and(Check.stdoutContains("env content"))).requires(Capability.SCRIPT_IMPORT),
                own("R05", "auto-import resolves a symlinked command", f -> {
                    symlink(f.path(EXEC + "/mycat"), Path.of(which("cat")));
                    return sandbox(line("--ro " + RO + " -- " + EXEC + "/mycat " + RO + "/test.txt")).autoImported();
                }, exit(0).and(Check.stdoutContains("readonly content"))).requires(Capability.SCRIPT_IMPORT),
                own("R06", "-d disables auto-import: ls cannot start without --rox /usr",
                        f -> sandbox(line("-d --ro /etc -- ls /etc")),
                        exit(1).and(Check.stderrLine("runlock:", "ls"))).requires(Capability.DISABLE_IMPORT),
                own("R07", "-d with --rox /usr runs ls",
                        f -> sandbox(line("-d --rox /usr,/bin,/lib --ro /lib64 --ro /etc -- ls /etc")),
                        exit(0)).requires(Capability.DISABLE_IMPORT),
                own("R08", "auto-import grants no read access to the command's directory",
                        f -> sandbox(line("-- ls /usr/bin")).autoImported(),
                        exit(2).and(Check.stderrLine("ls: ", "Permission denied"))));
    }

    private static void symlink(Path link, Path target) {
        try {
            Files.createSymbolicLink(link, target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
