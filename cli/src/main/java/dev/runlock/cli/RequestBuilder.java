package dev.runlock.cli;

import dev.runlock.cli.config.ConfigKey;
import dev.runlock.cli.config.ConfigSection;
import dev.runlock.landlock.Abi;
import dev.runlock.landlock.AccessNet;
import dev.runlock.landlock.CompatLevel;
import dev.runlock.landlock.RestrictFlag;
import dev.runlock.sandbox.Intent;
import dev.runlock.sandbox.PathGrant;
import dev.runlock.sandbox.Policy;
import dev.runlock.sandbox.PortGrant;
import dev.runlock.sandbox.PortRange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Merges flags and the config section: lists add up, a flag given on the command line wins. */
final class RequestBuilder {
    /** The system property through which the launcher lists the descriptors (above 2) it was given. */
    static final String CALLER_FDS_PROPERTY = "runlock.caller.fds";

    private final Options options;
    private final Optional<ConfigSection> config;
    private final Map<String, String> environment;
    private final Path workingDirectory;
    private final Log log;

    RequestBuilder(Options options, Optional<ConfigSection> config, Map<String, String> environment,
                   Path workingDirectory, Log log) {
        this.options = options;
        this.config = config;
        this.environment = environment;
        this.workingDirectory = workingDirectory;
        this.log = log;
    }

    Request build() throws UsageException {
        List<PathGrant> paths = new ArrayList<>();
        grants(paths, Intent.RO, options.list(Option.RO), ConfigKey.RO);
        grants(paths, Intent.ROX, options.list(Option.ROX), ConfigKey.ROX);
        grants(paths, Intent.RW, options.list(Option.RW), ConfigKey.RW);
        grants(paths, Intent.RWX, options.list(Option.RWX), ConfigKey.RWX);
        grants(paths, Intent.UNIX, options.list(Option.UNIX), ConfigKey.UNIX);

        List<PortGrant> ports = new ArrayList<>();
        ports(ports, AccessNet.BIND_TCP, Option.BIND_TCP, ConfigKey.BIND_TCP);
        ports(ports, AccessNet.CONNECT_TCP, Option.CONNECT_TCP, ConfigKey.CONNECT_TCP);
        ports(ports, AccessNet.BIND_UDP, Option.BIND_UDP, ConfigKey.BIND_UDP);
        ports(ports, AccessNet.CONNECT_SEND_UDP, Option.CONNECT_UDP, ConfigKey.CONNECT_UDP);

        EnumSet<RestrictFlag> logFlags = EnumSet.noneOf(RestrictFlag.class);
        if (flag(Option.LOG_DISABLE_ORIGINATING, ConfigKey.LOG_DISABLE_ORIGINATING)) {
            logFlags.add(RestrictFlag.LOG_SAME_EXEC_OFF);
        }
        if (flag(Option.LOG_ENABLE_SUBPROCESSES, ConfigKey.LOG_ENABLE_SUBPROCESSES)) {
            logFlags.add(RestrictFlag.LOG_NEW_EXEC_ON);
        }
        if (flag(Option.LOG_DISABLE_SUBDOMAINS, ConfigKey.LOG_DISABLE_SUBDOMAINS)) {
            logFlags.add(RestrictFlag.LOG_SUBDOMAINS_OFF);
        }

        Policy policy = new Policy(paths, ports,
                flag(Option.UNRESTRICTED_FILESYSTEM, ConfigKey.UNRESTRICTED_FILESYSTEM),
                flag(Option.UNRESTRICTED_NETWORK, ConfigKey.UNRESTRICTED_NETWORK),
                flag(Option.UNRESTRICTED_SCOPED, ConfigKey.UNRESTRICTED_SCOPED),
                logFlags, compat(), target(),
                flag(Option.IGNORE_MISSING, ConfigKey.IGNORE_MISSING));

        boolean auto = !options.flag(Option.DISABLE_AUTO_IMPORT)
                && config.flatMap(c -> c.flag(ConfigKey.AUTO_ADD_BINARY_DEPENDENCIES)).orElse(true);
        List<String> dependencies = config.map(c -> c.strings(ConfigKey.EXECUTABLE_DEPENDENCIES)).orElse(List.of());
        Request.Imports imports = Request.Imports.of(auto, options.flag(Option.ADD_EXEC), options.flag(Option.LDD));
        return new Request(policy, env(), keepFds(), imports, dependencies);
    }

    private void grants(List<PathGrant> out, Intent intent, List<String> flagged, ConfigKey key) {
        for (String p : flagged) {
            out.add(new PathGrant(absolute(p), intent, intent.flag()));
        }
        config.ifPresent(c -> {
            for (String p : c.strings(key)) {
                out.add(new PathGrant(c.file().toAbsolutePath().getParent().resolve(p), intent, origin(c, key)));
            }
        });
    }

    private void ports(List<PortGrant> out, AccessNet access, Option option, ConfigKey key) throws UsageException {
        String flag = option.longName();
        for (String p : options.list(option)) {
            try {
                out.add(new PortGrant(access, PortRange.parse(p), flag));
            } catch (IllegalArgumentException e) {
                throw new UsageException(flag + ": " + e.getMessage());
            }
        }
        if (config.isPresent()) {
            for (String p : config.get().strings(key)) {
                out.add(new PortGrant(access, PortRange.parse(p), origin(config.get(), key)));
            }
        }
    }

    private boolean flag(Option option, ConfigKey key) {
        return options.switchValue(option).or(() -> config.flatMap(c -> c.flag(key))).orElse(false);
    }

    private CompatLevel compat() throws UsageException {
        Optional<String> flagged = options.value(Option.COMPAT);
        boolean strict = options.flag(Option.STRICT);
        CompatLevel level;
        try {
            level = CompatLevel.parse(flagged.or(() -> config.flatMap(c -> c.string(ConfigKey.COMPAT))).orElse("best"));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--compat: " + e.getMessage());
        }
        if (strict && flagged.isPresent() && level != CompatLevel.HARD_REQUIREMENT) {
            throw new UsageException("--strict conflicts with --compat " + flagged.get());
        }
        return strict ? CompatLevel.HARD_REQUIREMENT : level;
    }

    private Abi target() throws UsageException {
        String text = options.value(Option.ABI)
                .or(() -> config.flatMap(c -> c.integer(ConfigKey.ABI)).map(String::valueOf)).orElse(null);
        if (text == null) {
            return Abi.newest();
        }
        try {
            return Abi.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--abi: " + e.getMessage());
        }
    }

    private List<String> env() throws UsageException {
        List<String> specs = new ArrayList<>(options.list(Option.ENV));
        config.ifPresent(c -> specs.addAll(c.strings(ConfigKey.ENV)));
        List<String> env = new ArrayList<>();
        for (String spec : specs) {
            int eq = spec.indexOf('=');
            if (eq == 0 || spec.isEmpty()) {
                throw new UsageException("--env: '" + spec + "' has no variable name");
            }
            if (eq > 0) {
                env.add(spec);
            } else if (environment.containsKey(spec)) {
                env.add(spec + "=" + NativeStrings.inherited(spec, Optional.of(environment.get(spec))).orElseThrow());
            } else {
                log.warn("--env " + spec + ": not set in runlock's environment, not passed");
            }
        }
        return env;
    }

    private Set<Integer> keepFds() throws UsageException {
        Set<Integer> fds = new LinkedHashSet<>();
        List<String> specs = new ArrayList<>(options.list(Option.KEEP_FD));
        config.ifPresent(c -> c.integers(ConfigKey.KEEP_FD).forEach(fd -> specs.add(fd.toString())));
        for (String spec : specs) {
            int fd;
            try {
                fd = Integer.parseInt(spec.trim());
            } catch (NumberFormatException e) {
                throw new UsageException("--keep-fd: '" + spec + "' is not a descriptor number");
            }
            if (fd < 0) {
                throw new UsageException("--keep-fd: '" + spec + "' is not a descriptor number");
            }
            if (fd > 2 && !inherited(fd)) {
                throw new UsageException("--keep-fd: descriptor " + fd + " was not passed to runlock");
            }
            if (fd > 2) {
                fds.add(fd);
            }
        }
        return fds;
    }

    /**
     * Whether the caller passed descriptor {@code fd}. The launcher lists the caller's descriptors,
     * since the JVM opens its own (jar, modules image) that must not reach the command.
     */
    private static boolean inherited(int fd) {
        String listed = System.getProperty(CALLER_FDS_PROPERTY);
        if (listed == null) {
            return Files.isSymbolicLink(Path.of("/proc/self/fd", Integer.toString(fd)));
        }
        return List.of(listed.split(",")).contains(Integer.toString(fd));
    }

    private Path absolute(String path) {
        return workingDirectory.resolve(path);
    }

    private static String origin(ConfigSection section, ConfigKey key) {
        return section.file().getFileName() + " [" + section.name() + "] " + key.tomlName();
    }
}
