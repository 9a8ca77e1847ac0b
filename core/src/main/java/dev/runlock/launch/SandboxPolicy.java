package dev.runlock.launch;

import dev.runlock.landlock.Abi;
import dev.runlock.landlock.AccessNet;
import dev.runlock.landlock.CompatLevel;
import dev.runlock.landlock.kernel.Kernel;
import dev.runlock.landlock.kernel.LinuxKernel;
import dev.runlock.sandbox.Imports;
import dev.runlock.sandbox.Intent;
import dev.runlock.sandbox.PathGrant;
import dev.runlock.sandbox.Policy;
import dev.runlock.sandbox.PortGrant;
import dev.runlock.sandbox.PortRange;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a sandboxed child may do: the same model as the {@code runlock} command line (paths with
 * rights, ports, scopes, compatibility level, ABI pin, auto-import). Everything not granted is
 * denied as far as the kernel's Landlock can; immutable and safe to share between threads.
 *
 * <p>A policy keeps, per command, the ruleset it built on the first launch (the command's
 * resolved files and libraries included) and reuses it for every later launch of that command,
 * from any thread: paths are looked up then. The rulesets are closed when the policy becomes
 * unreachable.
 *
 * <pre>{@code
 * SandboxPolicy policy = SandboxPolicy.builder()
 *         .readOnly(Path.of("/etc/hostname"))
 *         .readWrite(workDir)
 *         .connectTcp(443)
 *         .build();
 * }</pre>
 */
public final class SandboxPolicy {
    private final Policy policy;
    private final Imports imports;
    private final Kernel kernel;
    private final PreparedSandboxes prepared;

    private SandboxPolicy(Builder builder) {
        this.policy = builder.policy.build();
        this.imports = builder.imports;
        this.kernel = builder.kernel;
        this.prepared = PreparedSandboxes.of(this, kernel);
    }

    /** An empty policy to add to: nothing granted, every restriction handled, best effort. */
    public static Builder builder() {
        return new Builder();
    }

    /** The shared policy model this policy stands for, before auto-import. */
    Policy policy() {
        return policy;
    }

    /** Which files of the command's closure are granted automatically. */
    Imports imports() {
        return imports;
    }

    Kernel kernel() {
        return kernel;
    }

    PreparedSandboxes prepared() {
        return prepared;
    }

    /** Adds grants; each step names what it grants. Not thread-safe. */
    public static final class Builder {
        private static final String ORIGIN = "SandboxPolicy";

        private final Policy.Builder policy = Policy.builder();
        private Imports imports = Imports.ALL;
        private Kernel kernel = Kernels.LINUX;

        private Builder() {
        }

        /** Read files (and list directories) at and beneath each path. */
        public Builder readOnly(Path... paths) {
            return paths(Intent.RO, paths);
        }

        /** Read and execute files at and beneath each path. */
        public Builder readExecute(Path... paths) {
            return paths(Intent.ROX, paths);
        }

        /** Read, write, create and remove at and beneath each path (no execute). */
        public Builder readWrite(Path... paths) {
            return paths(Intent.RW, paths);
        }

        /** {@link #readWrite} plus execute. */
        public Builder readWriteExecute(Path... paths) {
            return paths(Intent.RWX, paths);
        }

        /** Connect to the pathname UNIX sockets at and beneath each path (Landlock ABI 9). */
        public Builder unixSocket(Path... paths) {
            return paths(Intent.UNIX, paths);
        }

        private Builder paths(Intent intent, Path... paths) {
            for (Path path : paths) {
                policy.path(new PathGrant(path.toAbsolutePath().normalize(), intent, ORIGIN + " " + intent.name().toLowerCase(java.util.Locale.ROOT)));
            }
            return this;
        }

        /** Bind TCP sockets to these ports (Landlock ABI 4). */
        public Builder bindTcp(int... ports) {
            return ports(AccessNet.BIND_TCP, ports);
        }

        /** Connect TCP sockets to these ports (Landlock ABI 4). */
        public Builder connectTcp(int... ports) {
            return ports(AccessNet.CONNECT_TCP, ports);
        }

        /** Bind UDP sockets to these ports (Landlock ABI 10). */
        public Builder bindUdp(int... ports) {
            return ports(AccessNet.BIND_UDP, ports);
        }

        /** Connect UDP sockets to, and send to, these ports (Landlock ABI 10). */
        public Builder connectUdp(int... ports) {
            return ports(AccessNet.CONNECT_SEND_UDP, ports);
        }

        /** Grants {@code access} on an inclusive range of ports. */
        public Builder ports(AccessNet access, PortRange range) {
            policy.port(new PortGrant(access, range, ORIGIN + " " + access.name().toLowerCase(java.util.Locale.ROOT)));
            return this;
        }

        private Builder ports(AccessNet access, int... ports) {
            for (int port : ports) {
                ports(access, new PortRange(port, port));
            }
            return this;
        }

        /**
         * Leaves an area unrestricted: {@code FILESYSTEM}, {@code NETWORK} (TCP and UDP) or
         * {@code SCOPES} (signals to and abstract UNIX sockets outside the sandbox).
         */
        public Builder unrestricted(Policy.Area area) {
            policy.unrestrict(area);
            return this;
        }

        /**
         * What to do when the kernel cannot enforce all of the policy: {@code BEST_EFFORT} (the
         * default) enforces what it can and reports the rest, {@code SOFT_REQUIREMENT} then runs
         * the child unsandboxed, {@code HARD_REQUIREMENT} starts nothing and throws
         * {@link UnsupportedKernelException}.
         */
        public Builder compat(CompatLevel level) {
            policy.compat(Objects.requireNonNull(level));
            return this;
        }

        /** Asks for the rights of {@code abi} and no newer ones, and owes all of them. */
        public Builder pinAbi(Abi abi) {
            policy.pin(Objects.requireNonNull(abi));
            return this;
        }

        /**
         * Which files the command needs to start are granted automatically: {@code ALL} (the
         * default: execute on the executable and its interpreters, read on its libraries),
         * {@code EXECUTABLE}, {@code LIBRARIES} or {@code NONE}.
         */
        public Builder autoImport(Imports imports) {
            this.imports = Objects.requireNonNull(imports);
            return this;
        }

        /**
         * Lets the child keep this JVM's capabilities (root's, when the JVM runs as root). By
         * default the launching thread drops every capability (bounding, ambient, inheritable,
         * permitted, effective) before the spawn: with them, root could make a device node in a
         * writable directory and read the disk beneath the sandbox.
         */
        public Builder keepCapabilities() {
            policy.keepCapabilities();
            return this;
        }

        /** Skips granted paths that do not exist instead of refusing the launch. */
        public Builder ignoreMissing() {
            policy.ignoreMissing();
            return this;
        }

        /** For tests: another kernel (a fake one without Landlock, say). */
        Builder kernel(Kernel kernel) {
            this.kernel = Objects.requireNonNull(kernel);
            return this;
        }

        public SandboxPolicy build() {
            return new SandboxPolicy(this);
        }
    }

    /** The real kernel, probed once per JVM. */
    static final class Kernels {
        static final Kernel LINUX = new LinuxKernel();

        private Kernels() {
        }
    }
}
