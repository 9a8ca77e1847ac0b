package dev.runlock.containers;

import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Volume;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/** One running container: a Debian userland under a {@link Confinement}, with runlock mounted in. */
final class Guest implements AutoCloseable {
    /** A {@code #!/bin/sh} script: runlock must import the script and its interpreter. */
    static final String SCRIPT = "/opt/probe/hello.sh";
    /** Every command gets this long, so a hung run fails the test instead of the build. */
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);
    /** A whole suite run inside the container (the conformance runner). */
    static final Duration SUITE_TIMEOUT = Duration.ofMinutes(10);

    private final GenericContainer<?> container;
    private final Userland userland;
    private final Confinement confinement;
    private final Install install;

    private Guest(GenericContainer<?> container, Userland userland, Confinement confinement, Install install) {
        this.container = container;
        this.userland = userland;
        this.confinement = confinement;
        this.install = install;
    }

    static Guest start(Userland userland, Confinement confinement, Install install) {
        requireLocalImage(userland);
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(userland.image()))
                .withCommand("sleep", "infinity")
                .withEnv("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
                .withEnv("JAVA_HOME", install.jdk().toString())
                .withCopyToContainer(Transferable.of("#!/bin/sh\necho \"hello from $0\"\n", 0755), SCRIPT)
                .withCreateContainerCmdModifier(command -> {
                    // Set on the engine request itself: withFileSystemBind would first run a probe
                    // container from an image that has to be pulled.
                    command.getHostConfig().withBinds(readOnly(install.repo()), readOnly(install.jdk()));
                    confinement.applyTo(command);
                })
                .withStartupTimeout(Duration.ofSeconds(60));
        container.start();
        return new Guest(container, userland, confinement, install);
    }

    /** Fails at once: testcontainers would try for minutes to pull an image that exists nowhere. */
    static void requireLocalImage(Userland userland) {
        try {
            DockerClientFactory.instance().client().inspectImageCmd(userland.image()).exec();
        } catch (NotFoundException e) {
            throw new IllegalStateException("image " + userland.image() + " is not built: run containers/images.sh "
                    + userland.suite(), e);
        }
    }

    private static Bind readOnly(Path path) {
        return new Bind(path.toString(), new Volume(path.toString()), AccessMode.ro);
    }

    Userland userland() {
        return userland;
    }

    Confinement confinement() {
        return confinement;
    }

    /** Copies a host file in, readable by every user, so a rebuild on the host cannot change it mid-run. */
    String copyIn(Path file, String containerPath) {
        container.copyFileToContainer(MountableFile.forHostPath(file, 0644), containerPath);
        return containerPath;
    }

    /** Runs the mounted runlock launcher with these arguments. */
    Outcome runlock(String... args) {
        List<String> command = new ArrayList<>(List.of(install.launcher().toString()));
        command.addAll(List.of(args));
        return run(command, COMMAND_TIMEOUT);
    }

    /** Runs a JDK 25 program in the container, {@code java ARGS}, for at most {@code timeout}. */
    Outcome java(Duration timeout, String... args) {
        List<String> command = new ArrayList<>(List.of(install.jdk().resolve("bin/java").toString()));
        command.addAll(List.of(args));
        return run(command, timeout);
    }

    /** Runs a shell command outside runlock (to read what the userland itself says). */
    Outcome shell(String script) {
        return run(List.of("/bin/sh", "-c", script), COMMAND_TIMEOUT);
    }

    private Outcome run(List<String> command, Duration timeout) {
        return run(container, command, timeout);
    }

    /** Runs {@code command} in {@code container} as root, killed after {@code timeout}. */
    static Outcome run(GenericContainer<?> container, List<String> command, Duration timeout) {
        List<String> bounded = new ArrayList<>(List.of("timeout", "-k", "5", Long.toString(timeout.toSeconds())));
        bounded.addAll(command);
        try {
            ExecResult result = container.execInContainer(bounded.toArray(String[]::new));
            return new Outcome(result.getExitCode(), result.getStdout(), result.getStderr());
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command + " in " + container.getDockerImageName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, e);
        }
    }

    @Override
    public void close() {
        container.stop();
    }
}
