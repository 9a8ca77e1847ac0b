package dev.runlock.sandbox;

import dev.runlock.landlock.AccessNet;
import dev.runlock.landlock.Abi;
import dev.runlock.landlock.Downgrade;
import dev.runlock.landlock.Errno;
import dev.runlock.landlock.RulesetPlan;
import dev.runlock.landlock.UnixSockets;
import dev.runlock.landlock.kernel.KernelException;
import dev.runlock.landlock.kernel.LinuxKernel;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The main class of the fresh JVM each real-kernel test starts (enforcement cannot be undone):
 * builds a policy from {@code key=value} settings, plans it against the real kernel, enforces
 * it and execs the command after {@code --}, as runlock does. Prints {@code pid=}, then
 * {@code enforcement=}; each {@code try-exec=PATH} is execed first and must fail, printing
 * {@code execve PATH=ERRNO}. Its own classpath is granted read-only, so classes still load
 * after enforcement. {@code guards=off} enforces Landlock alone, without runlock's seccomp filter
 * ({@link LandlockAlone}); {@code keep-capabilities=true} lets the command keep them.
 */
public final class SandboxedCommand {
    private SandboxedCommand() {
    }

    public static void main(String[] args) throws Exception {
        List<PathGrant> paths = new ArrayList<>();
        List<PortGrant> ports = new ArrayList<>();
        Set<Policy.Area> unrestricted = new HashSet<>();
        Set<Integer> keepFds = new HashSet<>();
        List<String> env = new ArrayList<>();
        List<String> tryExec = new ArrayList<>();
        Optional<Abi> pin = Optional.empty();
        boolean guards = true;
        boolean keepCapabilities = false;
        int i = 0;
        for (; !args[i].equals("--"); i++) {
            String key = args[i].substring(0, args[i].indexOf('='));
            String value = args[i].substring(key.length() + 1);
            switch (key) {
                case "ro", "rox", "rw", "rwx", "unix" ->
                        paths.add(new PathGrant(Path.of(value), Intent.valueOf(key.toUpperCase(Locale.ROOT)), "--" + key));
                case "bind-tcp" -> ports.add(new PortGrant(AccessNet.BIND_TCP, PortRange.parse(value), key));
                case "connect-tcp" -> ports.add(new PortGrant(AccessNet.CONNECT_TCP, PortRange.parse(value), key));
                case "bind-udp" -> ports.add(new PortGrant(AccessNet.BIND_UDP, PortRange.parse(value), key));
                case "connect-udp" -> ports.add(new PortGrant(AccessNet.CONNECT_SEND_UDP, PortRange.parse(value), key));
                case "unrestricted" -> unrestricted.add(switch (value) {
                    case "fs" -> Policy.Area.FILESYSTEM;
                    case "net" -> Policy.Area.NETWORK;
                    case "scopes" -> Policy.Area.SCOPES;
                    default -> throw new IllegalArgumentException("unknown area " + value);
                });
                case "abi" -> pin = Optional.of(Abi.parse(value));
                case "keep-fd" -> keepFds.add(Integer.parseInt(value));
                case "env" -> env.add(value);
                case "try-exec" -> tryExec.add(value);
                case "guards" -> guards = !value.equals("off");
                case "keep-capabilities" -> keepCapabilities = Boolean.parseBoolean(value);
                default -> throw new IllegalArgumentException("unknown setting " + args[i]);
            }
        }
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            paths.add(new PathGrant(Path.of(entry), Intent.RO, "test classpath"));
        }
        List<String> command = List.of(args).subList(i + 1, args.length);
        Policy.Builder builder = Policy.builder();
        pin.ifPresent(builder::pin);
        paths.forEach(builder::path);
        ports.forEach(builder::port);
        unrestricted.forEach(builder::unrestrict);
        Policy policy = builder.build();

        // As cli's Caller reads it: the SigIgn mask a test's wrapper saw before the JVM started.
        long ignored = Long.parseUnsignedLong(System.getProperty("runlock.caller.sigign", "0"), 16);
        LinuxKernel kernel = new LinuxKernel();
        RulesetPlan plan = Downgrade.plan(Rulesets.request(policy), kernel.probe());
        System.out.println("pid=" + ProcessHandle.current().pid());
        System.out.println("enforcement=" + plan.enforcement().name());
        System.out.println("unix-sockets=" + UnixSockets.of(plan).name());
        new Sandbox(guards ? kernel : new LandlockAlone(kernel)).enforce(plan);
        for (String path : tryExec) {
            report(path, Exec.exec(kernel, launch(path, List.of(path), env, keepFds, ignored, keepCapabilities)));
        }
        report(command.getFirst(), Exec.exec(kernel, launch(command.getFirst(), command, env, keepFds, ignored,
                keepCapabilities)));
        System.exit(127);
    }

    private static Launch launch(String path, List<String> argv, List<String> env, Set<Integer> keepFds, long ignored,
                                 boolean keepCapabilities) {
        return new Launch(path, argv, env, keepFds, ignored, OptionalInt.empty(), false, keepCapabilities,
                OptionalLong.empty());
    }

    private static void report(String path, KernelException failure) {
        System.out.println("execve " + path + "=" + Errno.name(failure.errno()));
    }
}
