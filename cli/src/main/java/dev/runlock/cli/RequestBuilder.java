package dev.runlock.cli;

import dev.runlock.cli.config.CompatNames;
import dev.runlock.cli.config.ConfigKey;
import dev.runlock.cli.config.ConfigSection;
import dev.runlock.cli.config.EnvPattern;
import dev.runlock.cli.config.EnvSpec;
import dev.runlock.cli.preset.HomeCaches;
import dev.runlock.cli.preset.PresetContext;
import dev.runlock.cli.preset.Presets;
import dev.runlock.cli.preset.ResolvedPresets;
import dev.runlock.landlock.Abi;
import dev.runlock.landlock.AccessNet;
import dev.runlock.landlock.CompatLevel;
import dev.runlock.sandbox.Imports;
import dev.runlock.sandbox.Intent;
import dev.runlock.sandbox.PathGrant;
import dev.runlock.sandbox.Policy;
import dev.runlock.sandbox.PortGrant;
import dev.runlock.sandbox.PortRange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Merges flags, config sections and the presets they name through the {@link Setting} table: lists
 * add up, a flag given on the command line wins.
 */
final class RequestBuilder {
    private final Options options;
    private final List<ConfigSection> sections;
    private final List<GrantSource> sources;
    private final Map<String, String> environment;
    private final Log log;

    /** @param sections config sections, the first one deciding any value several set */
    RequestBuilder(Options options, List<ConfigSection> sections, Map<String, String> environment,
                   Path workingDirectory, Log log) {
        this.options = options;
        this.sections = List.copyOf(sections);
        List<GrantSource> all = new ArrayList<>(List.of(new GrantSource.CommandLine(options, workingDirectory)));
        sections.forEach(section -> all.add(new GrantSource.Section(section)));
        this.sources = List.copyOf(all);
        this.environment = environment;
        this.log = log;
    }

    Request build() throws UsageException {
        List<String> presetNames = presetNames();
        PresetContext context = new PresetContext(environment, options.command().stream().findFirst());
        createMissingCaches(presetNames, context);
        ResolvedPresets presets = presets(presetNames, context);
        List<GrantSource> sources = new ArrayList<>(this.sources);
        presets.sections().forEach(preset -> sources.add(new GrantSource.Section(preset, true)));
        Policy.Builder policy = Policy.builder();
        for (Setting setting : Setting.values()) {
            switch (setting.grant()) {
                case Grant.Paths(Intent intent) -> {
                    for (GrantSource source : sources) {
                        for (Path path : source.paths(setting)) {
                            policy.path(new PathGrant(path, intent, source.origin(setting), source.optional()));
                        }
                    }
                }
                case Grant.Ports(AccessNet access) -> {
                    for (GrantSource source : sources) {
                        for (PortRange range : source.ports(setting)) {
                            policy.port(new PortGrant(access, range, source.origin(setting), source.optional()));
                        }
                    }
                }
                case Grant.Switch change -> {
                    if (sources.stream().flatMap(source -> source.flag(setting).stream()).findFirst().orElse(false)) {
                        change.enable(policy);
                    }
                }
            }
        }
        policy.compat(compat());
        pin().ifPresent(policy::pin);

        boolean auto = !options.flag(Option.DISABLE_AUTO_IMPORT)
                && first(c -> c.flag(ConfigKey.AUTO_ADD_BINARY_DEPENDENCIES)).orElse(true);
        // A preset's programs (git's /bin/sh) exist here: they were resolved, the missing ones skipped.
        List<String> dependencies = Stream.concat(sections.stream(), presets.sections().stream())
                .flatMap(c -> c.strings(ConfigKey.EXECUTABLE_DEPENDENCIES).stream()).distinct().toList();
        Imports imports = Imports.of(auto, options.flag(Option.ADD_EXEC), options.flag(Option.LDD));
        Policy built = policy.build();
        for (PathGrant grant : built.paths()) {
            if (grant.intent() == Intent.LS && Files.exists(grant.path()) && !Files.isDirectory(grant.path())) {
                throw new UsageException(grant.origin() + ": " + grant.path() + " is not a directory, and "
                        + Option.LS.longName() + " only lists directories (--ro reads a file)");
            }
        }
        return new Request(built, env(presets), keepFds(), imports, dependencies, presets.skipped());
    }

    /** The presets named by {@code --preset} and by the sections' {@code preset}, in that order. */
    private List<String> presetNames() throws UsageException {
        if (options.list(Option.PRESET).isEmpty() && sections.stream().allMatch(c -> c.strings(ConfigKey.PRESET).isEmpty())) {
            return List.of(); // the presets are not even loaded: most runs name none
        }
        Presets builtIn = Presets.builtIn();
        List<String> names = new ArrayList<>();
        for (String name : options.list(Option.PRESET)) {
            names.add(known(builtIn, name, Option.PRESET.longName()));
        }
        for (ConfigSection section : sections) {
            for (String name : section.strings(ConfigKey.PRESET)) {
                names.add(known(builtIn, name, GrantSource.Section.origin(section, ConfigKey.PRESET)));
            }
        }
        return names;
    }

    /** The presets {@code names}, resolved on this machine. */
    private ResolvedPresets presets(List<String> names, PresetContext context) {
        if (names.isEmpty()) {
            return ResolvedPresets.none();
        }
        ResolvedPresets resolved = Presets.builtIn().resolve(names, context);
        resolved.warnings().forEach(log::warn);
        return resolved;
    }

    /**
     * Creates the missing caches (see {@link HomeCaches}) that the presets {@code names} make
     * writable, or that a section grants writable: a learned section names the cache its run used,
     * and a cleaned cache must not fail the next run.
     */
    private void createMissingCaches(List<String> names, PresetContext context) {
        // Where the run will look for them: a section's relative path is relative to its file.
        List<Path> writable = sections.stream().map(GrantSource.Section::new)
                .flatMap(source -> Stream.of(Setting.RW, Setting.RWX).flatMap(setting -> source.paths(setting).stream()))
                .map(Path::normalize).toList();
        if (names.isEmpty() && writable.isEmpty()) {
            return;
        }
        Optional<HomeCaches> home = HomeCaches.of(Presets.builtIn(), context);
        if (home.isEmpty()) {
            return;
        }
        Set<Path> caches = new LinkedHashSet<>(home.get().of(names));
        Set<Path> declared = Set.copyOf(home.get().of(Presets.builtIn().names()));
        writable.stream().filter(declared::contains).forEach(caches::add);
        for (Path cache : caches) {
            if (Files.notExists(cache, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    if (home.get().create(cache)) {
                        log.info("created the missing cache " + cache);
                    }
                } catch (IOException e) {
                    log.warn("the cache " + cache + " does not exist and was not created (" + e.getMessage()
                            + "): it is not granted, so the command cannot write one");
                }
            }
        }
    }

    private static String known(Presets presets, String name, String origin) throws UsageException {
        if (presets.section(name).isEmpty()) {
            throw new UsageException(origin + ": unknown preset '" + name + "' (runlock presets lists them: "
                    + String.join(", ", presets.names()) + ")");
        }
        return name;
    }

    /** The value of the first section that has one. */
    private <T> Optional<T> first(Function<ConfigSection, Optional<T>> value) {
        return sections.stream().flatMap(c -> value.apply(c).stream()).findFirst();
    }

    private CompatLevel compat() throws UsageException {
        Optional<String> flagged = options.value(Option.COMPAT);
        boolean strict = options.flag(Option.STRICT);
        CompatLevel level;
        try {
            level = flagged.isPresent() ? CompatNames.parse(flagged.get())
                    : first(ConfigSection::compat).orElse(CompatLevel.BEST_EFFORT);
        } catch (IllegalArgumentException e) {
            throw new UsageException(Option.COMPAT.longName() + ": " + e.getMessage());
        }
        if (strict && flagged.isPresent() && level != CompatLevel.HARD_REQUIREMENT) {
            throw new UsageException(Option.STRICT.longName() + " conflicts with " + Option.COMPAT.longName() + " "
                    + flagged.get());
        }
        return strict ? CompatLevel.HARD_REQUIREMENT : level;
    }

    private Optional<Abi> pin() throws UsageException {
        Optional<String> flagged = options.value(Option.ABI);
        if (flagged.isEmpty()) {
            return first(ConfigSection::abi);
        }
        try {
            return Optional.of(Abi.parse(flagged.get()));
        } catch (IllegalArgumentException e) {
            throw new UsageException(Option.ABI.longName() + ": " + e.getMessage());
        }
    }

    /** Each variable once, the first spec naming it deciding its value: flags, sections, then presets. */
    private List<String> env(ResolvedPresets presets) throws UsageException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String spec : options.list(Option.ENV)) {
            try {
                pass(EnvSpec.parse(spec), env, false);
            } catch (IllegalArgumentException e) {
                throw new UsageException(Option.ENV.longName() + ": " + e.getMessage());
            }
        }
        sections.forEach(c -> c.env().forEach(spec -> pass(spec, env, false)));
        presets.sections().forEach(c -> c.env().forEach(spec -> pass(spec, env, true)));
        return List.copyOf(env.values());
    }

    /** @param quiet whether an unset variable goes without a warning, as a preset's does */
    private void pass(EnvSpec spec, Map<String, String> env, boolean quiet) {
        String name = spec.name();
        if (spec.value().isPresent()) {
            env.putIfAbsent(name, name + "=" + spec.value().get());
            return;
        }
        List<String> names = EnvPattern.names(name, environment);
        if (names.isEmpty() && !quiet) {
            log.warn(Option.ENV.longName() + " " + name + ": not set in runlock's environment, not passed");
        }
        for (String variable : names) {
            env.putIfAbsent(variable, variable + "=" + environment.get(variable));
        }
    }

    private Set<Integer> keepFds() throws UsageException {
        Set<Integer> fds = new LinkedHashSet<>();
        for (String spec : options.list(Option.KEEP_FD)) {
            int fd;
            try {
                fd = Integer.parseInt(spec.trim());
            } catch (NumberFormatException e) {
                fd = -1;
            }
            if (fd < 0) {
                throw new UsageException(Option.KEEP_FD.longName() + ": '" + spec + "' is not a descriptor number");
            }
            keep(fd, fds);
        }
        for (ConfigSection section : sections) {
            for (int fd : section.integers(ConfigKey.KEEP_FD)) {
                keep(fd, fds);
            }
        }
        return fds;
    }

    private static void keep(int fd, Set<Integer> fds) throws UsageException {
        if (fd > 2 && !Caller.passed(fd)) {
            throw new UsageException(Option.KEEP_FD.longName() + ": descriptor " + fd + " was not passed to runlock");
        }
        if (fd > 2) {
            fds.add(fd);
        }
    }
}
