package dev.runlock.cli;

import dev.runlock.cli.config.EnvPattern;
import dev.runlock.cli.config.EnvSpec;
import dev.runlock.cli.preset.ResolvedPresets;
import dev.runlock.landlock.AccessFs;
import dev.runlock.landlock.AccessNet;
import dev.runlock.sandbox.Intent;
import dev.runlock.sandbox.PathGrant;
import dev.runlock.sandbox.PortGrant;
import dev.runlock.sandbox.PortRange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which presets grant what a run used, read through the {@link Setting} table as a run reads
 * them: for {@code runlock learn}, which replaces known sets by presets. Give paths with links
 * resolved, as presets hold them.
 */
final class PresetCoverage {
    /** One thing a preset grants. */
    private record Granted(String preset, Object grant) {
    }

    private final List<Granted> granted = new ArrayList<>();

    PresetCoverage(ResolvedPresets presets) {
        presets.eachPreset().forEach(section -> {
            GrantSource.Section source = new GrantSource.Section(section, true);
            for (Setting setting : Setting.values()) {
                switch (setting.grant()) {
                    case Grant.Paths(Intent intent) -> source.paths(setting).forEach(path ->
                            granted.add(new Granted(section.name(), new PathGrant(path, intent, ""))));
                    case Grant.Ports(AccessNet access) -> source.ports(setting).forEach(range ->
                            granted.add(new Granted(section.name(), new PortGrant(access, range, ""))));
                    case Grant.Switch ignored -> { }
                }
            }
            section.env().forEach(spec -> granted.add(new Granted(section.name(), spec)));
        });
    }

    /**
     * The presets granting {@code wanted}'s rights at its path or above it, the one granting the
     * nearest directory first: {@code sysinfo}, granting {@code /usr/share/zoneinfo}, before
     * {@code tools}, granting all of {@code /usr}.
     */
    List<String> covering(PathGrant wanted) {
        return granted.stream().filter(g -> g.grant() instanceof PathGrant p && grants(p, wanted))
                .sorted(Comparator.comparingInt((Granted g) -> ((PathGrant) g.grant()).path().getNameCount()).reversed())
                .map(Granted::preset).distinct().toList();
    }

    /**
     * The presets that may stand for {@code wanted} in a learned section: granting its rights at
     * its path, or at a directory above it that they grant read-only. A writable directory such as
     * {@code {TMPDIR}} stands only for itself, never for a project that happens to be in it.
     */
    List<String> standingFor(PathGrant wanted) {
        return presets(g -> g instanceof PathGrant p && grants(p, wanted)
                && (p.path().equals(wanted.path()) || Intent.ROX.rights(true).containsAll(p.intent().rights(true))));
    }

    private static boolean grants(PathGrant granted, PathGrant wanted) {
        return wanted.path().startsWith(granted.path())
                && granted.intent().rights(true).containsAll(wanted.intent().rights(true));
    }

    /** The presets granting {@code wanted}'s access on all of its ports. */
    List<String> covering(PortGrant wanted) {
        PortRange range = wanted.range();
        return presets(g -> g instanceof PortGrant p && p.access() == wanted.access()
                && p.range().from() <= range.from() && range.to() <= p.range().to());
    }

    /** The paths {@code preset} itself grants here (not those of the presets it includes). */
    List<String> paths(String preset) {
        return granted.stream().filter(g -> g.preset().equals(preset) && g.grant() instanceof PathGrant)
                .map(g -> ((PathGrant) g.grant()).path().toString()).toList();
    }

    /** The ports {@code preset} itself grants (not those of the presets it includes). */
    List<PortGrant> ports(String preset) {
        return granted.stream().filter(g -> g.preset().equals(preset) && g.grant() instanceof PortGrant)
                .map(g -> (PortGrant) g.grant()).toList();
    }

    /** Every path a preset grants writable. */
    List<String> writablePaths() {
        return granted.stream().filter(g -> g.grant() instanceof PathGrant p
                        && p.intent().rights(true).contains(AccessFs.WRITE_FILE))
                .map(g -> ((PathGrant) g.grant()).path().toString()).distinct().toList();
    }

    /** The presets that pass variable {@code name}. */
    List<String> coveringVariable(String name) {
        return presets(g -> g instanceof EnvSpec spec && spec.value().isEmpty() && EnvPattern.matches(spec.name(), name));
    }

    private List<String> presets(Predicate<Object> grants) {
        Set<String> names = new LinkedHashSet<>();
        granted.stream().filter(g -> grants.test(g.grant())).forEach(g -> names.add(g.preset()));
        return List.copyOf(names);
    }
}
