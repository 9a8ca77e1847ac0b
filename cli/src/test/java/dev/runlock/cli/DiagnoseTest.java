package dev.runlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runlock.cli.trace.Access;
import dev.runlock.cli.trace.Operation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which failures diagnose reports, once each, and the option it names for each. */
class DiagnoseTest {
    private static Operation op(Access access, String path, int port, String errno) {
        return new Operation(1, "prog", "openat", access, path, port, Optional.ofNullable(errno));
    }

    @Test
    void eachDenialOnceWithItsOptionInTraceOrder() {
        List<Operation> ops = List.of(
                op(Access.READ, "/etc/hostname", -1, "EACCES"),
                op(Access.READ, "/etc/hostname", -1, "EACCES"),
                op(Access.READ, "/etc/missing", -1, "ENOENT"),
                op(Access.READ, "/etc/granted", -1, null),
                op(Access.EXECUTE, "/opt/tool", -1, "EACCES"),
                op(Access.CREATE, "/srv/out/new file", -1, "EACCES"),
                op(Access.REMOVE, "/srv/out/old", -1, "EACCES"),
                op(Access.CONNECT_TCP, "", 443, "EACCES"),
                op(Access.CONNECT_TCP, "", 80, "ECONNREFUSED"),
                op(Access.BIND_UDP, "", 5353, "EACCES"),
                op(Access.CONNECT_UNIX, "/run/x.sock", -1, "EACCES"),
                op(Access.REMOVE, "/a/b", -1, "EXDEV"));
        assertThat(DiagnoseCommand.denials(ops, o -> true)).extracting(DiagnoseCommand.Denial::allow).containsExactly(
                "--ro /etc/hostname", "--rox /opt/tool", "--rw /srv/out", "--connect-tcp 443", "--bind-udp 5353",
                "--unix /run/x.sock", "--rw /a");
    }

    @Test
    void whatFileModesWouldDenyAnywayIsNotTheSandboxs() {
        List<Operation> ops = List.of(op(Access.READ, "/root/secret", -1, "EACCES"),
                op(Access.READ, "/etc/hostname", -1, "EACCES"));
        assertThat(DiagnoseCommand.denials(ops, o -> !o.path().startsWith("/root")))
                .extracting(DiagnoseCommand.Denial::allow).containsExactly("--ro /etc/hostname");
    }

    @Test
    void aPathIsQuotedSoThatPastingItGivesBackItsBytes() {
        assertThat(DiagnoseCommand.allow(op(Access.READ, "/tmp/it's here", -1, "EACCES")))
                .isEqualTo("--ro '/tmp/it'\\''s here'");
        assertThat(DiagnoseCommand.allow(op(Access.READ, "/tmp/it's here\n", -1, "EACCES")))
                .isEqualTo("--ro $'/tmp/it\\'s here\\x0a'");
        assertThat(DiagnoseCommand.denials(List.of(op(Access.READ, "/tmp/bad\u00ff", -1, "EACCES")), o -> true))
                .singleElement().extracting(DiagnoseCommand.Denial::describe)
                .isEqualTo("prog: openat /tmp/bad\\xff (read): EACCES; allow with --ro $'/tmp/bad\\xff'");
    }

    @Test
    void aProgramNameIsShownNotObeyedByTheTerminal() {
        String program = new String("X\u001b]0;PWNED\u0007\u001b[31mRED é".getBytes(StandardCharsets.UTF_8),
                StandardCharsets.ISO_8859_1);
        Operation o = new Operation(1, program, "openat", Access.READ, "/etc/hostname", -1, Optional.of("EACCES"));
        assertThat(DiagnoseCommand.denials(List.of(o), any -> true)).singleElement()
                .extracting(DiagnoseCommand.Denial::describe).isEqualTo(
                        "X\\x1b]0;PWNED\\x07\\x1b[31mRED é: openat /etc/hostname (read): EACCES; allow with --ro /etc/hostname");
    }

    @Test
    void aDenialAPresetCoversNamesThePresetToo() {
        PresetCoverage presets = new PresetCoverage(dev.runlock.cli.preset.Presets.builtIn().resolve(
                dev.runlock.cli.preset.Presets.builtIn().names(),
                new dev.runlock.cli.preset.PresetContext(CliRun.baseEnvironment(), Optional.empty())));
        assertThat(DiagnoseCommand.presetHint(presets, op(Access.READ, "/etc/hosts", -1, "EACCES")))
                .isEqualTo(" or --preset dns");
        assertThat(DiagnoseCommand.presetHint(presets, op(Access.WRITE, "/dev/null", -1, "EACCES")))
                .isEqualTo(" or --preset dev");
        assertThat(DiagnoseCommand.presetHint(presets, op(Access.CONNECT_TCP, "", 53, "EACCES")))
                .isEqualTo(" or --preset dns");
        assertThat(DiagnoseCommand.presetHint(presets, op(Access.READ, "/etc/hostname", -1, "EACCES"))).isEmpty();
        // A shell's startup file: the shell preset, not a broader one.
        assertThat(DiagnoseCommand.presetHint(presets, op(Access.READ, "/etc/profile", -1, "EACCES")))
                .isEqualTo(Files.exists(Path.of("/etc/profile")) ? " or --preset shell" : "");
    }
}
