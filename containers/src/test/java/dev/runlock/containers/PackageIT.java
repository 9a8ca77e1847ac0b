package dev.runlock.containers;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Volume;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The .deb of {@code -Pdist} in Debian userlands that have no JDK: installed offline with
 * apt-get, runlock runs for an ordinary user through /usr/bin, its own runtime and AOT cache,
 * man finds its page, bash completes its options and subcommands, and removal leaves nothing.
 */
class PackageIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    private static final String DEB = "/dist/runlock.deb";

    private static Path deb;

    @BeforeAll
    static void requirePackage() throws IOException {
        // Without -Pdist a .deb in dist/target may be stale: only test the one this build made.
        Assumptions.assumeTrue(Boolean.getBoolean("dist.required"), "the .deb is built and tested with -Pdist");
        Engine.require();
        Path target = Path.of(System.getProperty("dist.target", "../dist/target"));
        try (Stream<Path> files = Files.list(target)) {
            deb = files.filter(f -> f.getFileName().toString().endsWith("_amd64.deb")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no runlock_*_amd64.deb in " + target));
        }
    }

    /** The Debian releases users install on; within -Dcontainers.userlands if it is set. */
    static List<Userland> userlands() {
        return Userland.selected().stream().filter(u -> u == Userland.BOOKWORM || u == Userland.TRIXIE).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("userlands")
    void installsRunsCompletesAndRemoves(Userland userland) throws IOException {
        Guest.requireLocalImage(userland);
        Path dir = Files.createTempDirectory("runlock-deb");
        Files.copy(deb, dir.resolve("runlock.deb"));
        dir.toFile().setReadable(true, false);
        try (GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(userland.image()))
                .withCommand("sleep", "infinity")
                .withEnv("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
                .withCreateContainerCmdModifier(command -> command.getHostConfig().withNetworkMode("none")
                        .withBinds(new Bind(dir.toString(), new Volume("/dist"), AccessMode.ro)))
                .withStartupTimeout(Duration.ofSeconds(60))) {
            container.start();
            check(container, userland);
        } finally {
            Files.delete(dir.resolve("runlock.deb"));
            Files.delete(dir);
        }
    }

    private static void check(GenericContainer<?> container, Userland userland) {
        Outcome noJava = sh(container, "command -v java; ls /usr/lib/jvm 2>&1; true");
        assertThat(noJava.stdout()).as("a JDK in %s", userland).doesNotContain("/java", "temurin", "openjdk");

        Outcome install = sh(container, "apt-get install -y -q --no-install-recommends " + DEB + " 2>&1");
        assertThat(install.exit()).as("apt-get install ./runlock.deb, offline: %s", install).isZero();
        sh(container, "useradd -m -u 1000 user");

        // /etc/os-release is a symlink to /usr/lib/os-release: --ro /etc alone is denied the target.
        Outcome run = user(container, "runlock --ro /etc,/usr/lib/os-release -- cat /etc/os-release");
        assertThat(run.exit()).as("runlock --ro /etc,/usr/lib/os-release -- cat /etc/os-release as uid 1000: %s", run)
                .isZero();
        assertThat(run.stdout()).contains("VERSION_CODENAME=" + userland.suite());
        Outcome denied = user(container, "runlock --ro /etc -- cat /usr/share/doc/runlock/copyright");
        assertThat(denied.exit()).as("a file outside --ro, readable by its mode: %s", denied).isEqualTo(1);
        assertThat(denied.stderr()).contains("Permission denied");
        assertThat(user(container, "cat /usr/share/doc/runlock/copyright").exit()).as("control: readable").isZero();

        Outcome version = user(container, "runlock --version");
        assertThat(version.stdout()).as("runlock --version: %s", version)
                .contains("in /usr/lib/runlock/lib/runtime").containsPattern("kernel: .*Landlock ABI \\d+");
        String flags = System.getProperty("runlock.jvm.flags", "");
        Outcome aot = user(container, "/usr/lib/runlock/lib/runtime/bin/java " + flags
                + " -XX:AOTMode=on -XX:AOTCache=/usr/lib/runlock/lib/runlock.aot -jar /usr/lib/runlock/lib/runlock.jar -V");
        assertThat(aot.exit()).as("the AOT cache is usable where the .deb put it (-XX:AOTMode=on): %s", aot).isZero();

        Outcome man = user(container, "man -w runlock");
        assertThat(man.stdout().strip()).as("man -w runlock: %s", man).isEqualTo("/usr/share/man/man1/runlock.1.gz");
        assertThat(user(container, "man --warnings runlock 2>&1 >/dev/null").stdout()).as("man's warnings").isEmpty();

        Outcome options = user(container, complete("runlock --r"));
        assertThat(options.stdout().lines()).as("runlock --r<TAB>: %s", options).contains("--ro", "--rox");
        Outcome subcommands = user(container, complete("runlock s"));
        assertThat(subcommands.stdout().lines()).as("runlock s<TAB>: %s", subcommands).contains("status");
        Outcome delegated = user(container, complete("runlock --ro /etc -- cat /etc/os-rel"));
        assertThat(delegated.stdout().lines()).as("the command's own completion: %s", delegated)
                .contains("/etc/os-release");

        String files = sh(container, "dpkg -L runlock").stdout();
        Outcome remove = sh(container, "apt-get remove -y -q runlock 2>&1");
        assertThat(remove.exit()).as("apt-get remove runlock: %s", remove).isZero();
        Outcome left = sh(container, "dpkg-query -W runlock 2>/dev/null\n"
                + "for f in " + String.join(" ", files.lines().filter(f -> !f.isBlank()).toList()) + " /usr/lib/runlock; do\n"
                + "  if [ -L \"$f\" ] || { [ -e \"$f\" ] && { [ ! -d \"$f\" ] || [ \"$f\" = /usr/lib/runlock ]; }; }; then\n"
                + "    echo \"left: $f\"\n"
                + "  fi\n"
                + "done\n");
        assertThat(left.stdout()).as("what apt-get remove left").isEmpty();
    }

    /**
     * What bash completion offers for {@code line} (completing its last word), as ~/.bashrc sets it
     * up: bash-completion's loader finds runlock's script in its standard directory.
     */
    private static String complete(String line) {
        return "set -- " + line + "\n"
                + ". /usr/share/bash-completion/bash_completion\n"
                + "loader=$(complete -p -D | sed -n 's/.*-F \\([^ ]*\\).*/\\1/p')\n"
                + "\"$loader\" runlock '' runlock\n"
                + "function=$(complete -p runlock | sed -n 's/.*-F \\([^ ]*\\).*/\\1/p')\n"
                + "COMP_WORDS=(\"$@\"); COMP_CWORD=$(( $# - 1 )); COMP_LINE=\"$*\"; COMP_POINT=${#COMP_LINE}\n"
                + "\"$function\" runlock \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD-1]}\"\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
    }

    private static Outcome user(GenericContainer<?> container, String script) {
        return Guest.run(container, List.of("runuser", "-u", "user", "--", "bash", "-c", "cd && " + script), TIMEOUT);
    }

    private static Outcome sh(GenericContainer<?> container, String script) {
        return Guest.run(container, List.of("bash", "-c", script), TIMEOUT);
    }
}
