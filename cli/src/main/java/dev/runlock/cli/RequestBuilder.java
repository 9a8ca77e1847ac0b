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
        grants(paths, Intent.RO, options.ro, ConfigKey.RO);
        grants(paths, Intent.ROX, options.rox, ConfigKey.ROX);
        grants(paths, Intent.RW, options.rw, ConfigKey.RW);
        grants(paths, Intent.RWX, options.rwx, ConfigKey.RWX);
        grants(paths, Intent.UNIX, options.unix, ConfigKey.UNIX);

        List<PortGrant> ports = new ArrayList<>();
        ports(ports, AccessNet.BIND_TCP, "--bind-tcp", options.bindTcp, ConfigKey.BIND_TCP);
        ports(ports, AccessNet.CONNECT_TCP, "--connect-tcp", options.connectTcp, ConfigKey.CONNECT_TCP);
        ports(ports, AccessNet.BIND_UDP, "--bind-udp", options.bindUdp, ConfigKey.BIND_UDP);
        ports(ports, AccessNet.CONNECT_SEND_UDP, "--connect-udp", options.connectUdp, ConfigKey.CONNECT_UDP);

        EnumSet<RestrictFlag> logFlags = EnumSet.noneOf(RestrictFlag.class);
        if (flag(options.logDisableOriginating, ConfigKey.LOG_DISABLE_ORIGINATING)) {
            logFlags.add(RestrictFlag.LOG_SAME_EXEC_OFF);
        }
        if (flag(options.logEnableSubprocesses, ConfigKey.LOG_ENABLE_SUBPROCESSES)) {
            logFlags.add(RestrictFlag.LOG_NEW_EXEC_ON);
        }
        if (flag(options.logDisableSubdomains, ConfigKey.LOG_DISABLE_SUBDOMAINS)) {
            logFlags.add(RestrictFlag.LOG_SUBDOMAINS_OFF);
        }

        Policy policy = new Policy(paths, ports,
                flag(options.unrestrictedFilesystem, ConfigKey.UNRESTRICTED_FILESYSTEM),
                flag(options.unrestrictedNetwork, ConfigKey.UNRESTRICTED_NETWORK),
                flag(options.unrestrictedScoped, ConfigKey.UNRESTRICTED_SCOPED),
                logFlags, compat(), target(),
                flag(options.ignoreMissing, ConfigKey.IGNORE_MISSING));

        boolean auto = !options.disableAutoImport
                && config.flatMap(c -> c.flag(ConfigKey.AUTO_ADD_BINARY_DEPENDENCIES)).orElse(true);
        List<String> dependencies = config.map(c -> c.strings(ConfigKey.EXECUTABLE_DEPENDENCIES)).orElse(List.of());
        return new Request(policy, env(), keepFds(), Request.Imports.of(auto, options.addExec, options.ldd),
                dependencies);
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

    private void ports(List<PortGrant> out, AccessNet access, String flag, List<String> flagged, ConfigKey key)
            throws UsageException {
        for (String p : flagged) {
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

    private boolean flag(Boolean cli, ConfigKey key) {
        if (cli != null) {
            return cli;
        }
        return config.flatMap(c -> c.flag(key)).orElse(false);
    }

    private CompatLevel compat() throws UsageException {
        CompatLevel level;
        try {
            level = CompatLevel.parse(options.compat != null ? options.compat
                    : config.flatMap(c -> c.string(ConfigKey.COMPAT)).orElse("best"));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--compat: " + e.getMessage());
        }
        if (options.strict && options.compat != null && level != CompatLevel.HARD_REQUIREMENT) {
            throw new UsageException("--strict conflicts with --compat " + options.compat);
        }
        return options.strict ? CompatLevel.HARD_REQUIREMENT : level;
    }

    private Abi target() throws UsageException {
        String text = options.abi != null ? options.abi
                : config.flatMap(c -> c.integer(ConfigKey.ABI)).map(String::valueOf).orElse(null);
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
        List<String> specs = new ArrayList<>(options.env);
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
        List<String> specs = new ArrayList<>(options.keepFd);
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
