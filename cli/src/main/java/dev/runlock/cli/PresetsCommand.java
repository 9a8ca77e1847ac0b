package dev.runlock.cli;

import dev.runlock.cli.config.ConfigKey;
import dev.runlock.cli.preset.PresetContext;
import dev.runlock.cli.preset.PresetEntry;
import dev.runlock.cli.preset.Presets;
import dev.runlock.cli.text.Printable;
import dev.runlock.landlock.AccessFs;
import dev.runlock.landlock.AccessNet;
import dev.runlock.landlock.KernelSupport;
import dev.runlock.landlock.LandlockBit;
import dev.runlock.landlock.kernel.LandlockKernel;
import dev.runlock.sandbox.Intent;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code runlock presets}: every built-in preset and what it grants on this machine, as options.
 * The paths come from the environment ({@code $HOME}, {@code $TMPDIR}...): printed through {@link Printable}.
 */
final class PresetsCommand {
    private PresetsCommand() {
    }

    static int run(Map<String, String> environment, PrintWriter out, LandlockKernel landlock) {
        Presets presets = Presets.builtIn();
        KernelSupport kernel = landlock.probe();
        PresetContext context = new PresetContext(environment, Optional.empty());
        for (String name : presets.names()) {
            out.println(name);
            List<String> included = presets.section(name).orElseThrow().strings(ConfigKey.PRESET);
            if (!included.isEmpty()) {
                out.println("  includes " + String.join(", ", included));
            }
            for (PresetEntry entry : presets.resolve(List.of(name), context).entries()) {
                if (entry.preset().equals(name)) {
                    out.println(Printable.of(line(entry, kernel)));
                }
            }
        }
        out.flush();
        return 0;
    }

    private static String line(PresetEntry entry, KernelSupport kernel) {
        // executable_dependencies has no option: the program is imported as the command is.
        String option = (entry.key() == ConfigKey.EXECUTABLE_DEPENDENCIES ? "  runs "
                : "  --" + entry.key().tomlName().replace('_', '-') + " ") + entry.value();
        if (!entry.granted()) {
            return option + "  (skipped: " + entry.absence().orElseThrow() + ")";
        }
        if (!entry.written().equals(entry.value()) && entry.written().indexOf('{') < 0) {
            option += "  (" + entry.written() + ")";
        }
        Optional<LandlockBit> right = mediatedBy(entry.key());
        if (right.isPresent() && !(kernel.available() && kernel.abi().atLeast(right.get().since()))) {
            option += "  (Landlock mediates this from " + right.get().since() + "; on this kernel it stays open)";
        }
        return option;
    }

    /** The right without which a key's grants restrict nothing: a port's access, {@code --unix}'s connect. */
    private static Optional<LandlockBit> mediatedBy(ConfigKey key) {
        for (Setting setting : Setting.values()) {
            if (setting.key() == key) {
                return switch (setting.grant()) {
                    case Grant.Ports(AccessNet access) -> Optional.of(access);
                    case Grant.Paths(Intent intent) when intent == Intent.UNIX -> Optional.of(AccessFs.RESOLVE_UNIX);
                    default -> Optional.empty();
                };
            }
        }
        return Optional.empty();
    }
}
