package dev.runlock.containers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * runlock in each Debian userland, as root and as uid 1000 with no capabilities: auto-import
 * finds the userland's own libraries, grants and denials hold, and none of it needs root.
 */
class UserlandIT extends MatrixSuite {
    private static final Pattern ABI = Pattern.compile("\"abi\": (\\d+)");
    /** Prints the sandboxed shell's uid, effective capabilities and no_new_privs, with builtins only. */
    private static final String IDENTITY = "while read -r key value rest; do case $key in "
            + "Uid:|CapEff:|NoNewPrivs:) printf '%s %s\\n' \"$key\" \"$value\";; esac; done < /proc/self/status";
    private static final String TCP_TO_PORT_9 = "exec 3<>/dev/tcp/127.0.0.1/9";

    UserlandIT() {
        super("Userlands: runlock as root and as uid 1000 without capabilities",
                List.of(Confinement.ROOT, Confinement.UNPRIVILEGED));
    }

    @Override
    List<Case> cases() {
        return List.of(
                new Case("identity in sandbox", UserlandIT::identity),
                new Case("-- /bin/true", UserlandIT::autoImport),
                new Case("imports = ldd", UserlandIT::importsMatchLdd),
                new Case("--ro /etc cat", UserlandIT::readOnlyEtc),
                new Case("unlisted path", UserlandIT::unlistedPathDenied),
                new Case("-d diagnosis", UserlandIT::withoutAutoImport),
                new Case("#!/bin/sh script", UserlandIT::shebangScript),
                new Case("TCP connect", UserlandIT::tcpDenied),
                new Case("presets", UserlandIT::presets),
                new Case("status --json", UserlandIT::status));
    }

    /** The sandboxed process really is uid 1000 without capabilities in the unprivileged container. */
    private static String identity(Guest guest) {
        Outcome run = guest.runlock("--ro", "/proc", "--", "/bin/sh", "-c", IDENTITY);
        assertThat(run.exit()).as("runlock --ro /proc -- sh (identity): %s", run).isZero();
        String seen = String.join(", ", run.stdout().lines().toList());
        if (guest.confinement() == Confinement.UNPRIVILEGED) {
            assertThat(seen).as("uid and capabilities under --user 1000 --cap-drop ALL")
                    .contains("Uid: 1000", "CapEff: 0000000000000000", "NoNewPrivs: 1");
        } else {
            assertThat(seen).as("uid as root").contains("Uid: 0");
        }
        return seen;
    }

    private static String autoImport(Guest guest) {
        Outcome run = guest.runlock("--", "/bin/true");
        assertThat(run.exit()).as("runlock -- /bin/true: %s", run).isZero();
        assertThat(run.stderr()).as("runlock -- /bin/true stderr").doesNotContain("error", "NOT enforced");
        return "exit 0";
    }

    /** Every object the container's own loader maps for bash is among runlock's auto-imports. */
    private static String importsMatchLdd(Guest guest) {
        Outcome explain = guest.runlock("--explain", "--", "/bin/bash", "-c", "true");
        assertThat(explain.exit()).as("runlock --explain -- bash: %s", explain).isZero();
        List<String> imported = explain.stdout().lines().filter(line -> line.contains("[auto-import"))
                .map(line -> line.strip().split("\\s+")[0]).toList();
        Outcome ldd = guest.shell("ldd /bin/bash");
        assertThat(ldd.exit()).as("ldd /bin/bash: %s", ldd).isZero();
        List<String> loaded = ldd.stdout().lines().map(UserlandIT::lddPath).filter(path -> !path.isEmpty()).toList();
        assertThat(loaded).as("ldd /bin/bash resolved libraries").isNotEmpty();
        assertThat(realPaths(guest, imported)).as("runlock's auto-imports (real paths) for /bin/bash")
                .containsAll(realPaths(guest, loaded));
        return imported.stream().filter(path -> path.contains("libc.so")).findFirst().orElse("no libc?");
    }

    private static String readOnlyEtc(Guest guest) {
        String version = guest.shell("cat /etc/debian_version").stdout().strip();
        Outcome run = guest.runlock("--ro", "/etc", "--", "cat", "/etc/debian_version");
        assertThat(run.exit()).as("runlock --ro /etc -- cat /etc/debian_version: %s", run).isZero();
        assertThat(run.stdout().strip()).as("what cat read").isEqualTo(version);
        return version;
    }

    private static String unlistedPathDenied(Guest guest) {
        Outcome run = guest.runlock("--", "cat", "/etc/debian_version");
        assertThat(run.exit()).as("runlock -- cat /etc/debian_version (not granted): %s", run).isNotZero();
        assertThat(run.stdout()).as("stdout of the denied cat").isEmpty();
        assertThat(run.stderr()).as("stderr of the denied cat").contains("/etc/debian_version: Permission denied");
        return "cat: Permission denied";
    }

    private static String withoutAutoImport(Guest guest) {
        Outcome run = guest.runlock("-d", "--", "/bin/true");
        assertThat(run.exit()).as("runlock -d -- /bin/true: %s", run).isEqualTo(1);
        List<String> errors = run.stderrLines().stream().filter(line -> line.startsWith("runlock: error:")).toList();
        assertThat(errors).as("runlock -d -- /bin/true error lines").singleElement().asString()
                .startsWith("runlock: error: cannot execute /bin/true: permission denied").contains("--rox ");
        Matcher file = Pattern.compile(" on (\\S+) ").matcher(errors.getFirst());
        return file.find() ? "names " + file.group(1) : errors.getFirst();
    }

    private static String shebangScript(Guest guest) {
        Outcome run = guest.runlock("--", Guest.SCRIPT);
        assertThat(run.exit()).as("runlock -- %s: %s", Guest.SCRIPT, run).isZero();
        assertThat(run.stdout().strip()).as("the script's output").isEqualTo("hello from " + Guest.SCRIPT);
        return "ran via /bin/sh";
    }

    /** Denied without a grant (EACCES from Landlock), refused with one (nothing listens on port 9). */
    private static String tcpDenied(Guest guest) {
        Outcome denied = guest.runlock("--", "/bin/bash", "-c", TCP_TO_PORT_9);
        assertThat(denied.exit()).as("runlock -- bash connect to :9: %s", denied).isNotZero();
        assertThat(denied.stderr()).as("connect without --connect-tcp").contains("connect: Permission denied");
        Outcome granted = guest.runlock("--connect-tcp", "9", "--", "/bin/bash", "-c", TCP_TO_PORT_9);
        assertThat(granted.stderr()).as("connect with --connect-tcp 9").contains("Connection refused");
        return "denied; with --connect-tcp 9: refused";
    }

    /**
     * The presets that find their paths at run time find them in this userland (bullseye keeps its
     * libraries and NSS modules in /lib, not /usr/lib): each run fails without its preset.
     */
    private static String presets(Guest guest) {
        String python = "import encodings, json; print(json.dumps('ok'))";
        assertThat(guest.runlock("--", "python3", "-c", python).exit()).as("python3 without --preset python").isNotZero();
        Outcome stdlib = guest.runlock("--preset", "python", "--", "python3", "-c", python);
        assertThat(stdlib.exit()).as("runlock --preset python -- python3: %s", stdlib).isZero();
        assertThat(stdlib.stdout().strip()).as("what python3 printed").isEqualTo("\"ok\"");

        assertThat(guest.runlock("--", "getent", "passwd", "root").exit()).as("getent passwd without --preset users")
                .isNotZero();
        Outcome users = guest.runlock("--preset", "users", "--", "getent", "passwd", "root");
        assertThat(users.exit()).as("runlock --preset users -- getent passwd root: %s", users).isZero();
        assertThat(users.stdout()).as("the passwd entry getent read").startsWith("root:x:0:0:");

        Outcome hosts = guest.runlock("--preset", "dns", "--", "getent", "hosts", "localhost");
        assertThat(hosts.exit()).as("runlock --preset dns -- getent hosts localhost: %s", hosts).isZero();
        assertThat(guest.runlock("--", "getent", "hosts", "localhost").exit()).as("getent hosts without --preset dns")
                .isNotZero();
        return "python, users, dns";
    }

    private static String status(Guest guest) {
        Outcome run = guest.runlock("status", "--json");
        assertThat(run.exit()).as("runlock status --json: %s", run).isZero();
        assertThat(run.stdout()).as("runlock status --json").contains("\"landlock\": \"enabled\"");
        Matcher abi = ABI.matcher(run.stdout());
        assertThat(abi.find()).as("abi in %s", run.stdout()).isTrue();
        assertThat(Integer.parseInt(abi.group(1))).as("reported ABI").isPositive();
        return "enabled, ABI " + abi.group(1);
    }

    /** The path in an ldd line ({@code name => /path (addr)} or {@code /path (addr)}), or "". */
    private static String lddPath(String line) {
        return Arrays.stream(line.strip().split("\\s+")).filter(word -> word.startsWith("/")).findFirst().orElse("");
    }

    private static Set<String> realPaths(Guest guest, List<String> paths) {
        Outcome run = guest.shell("readlink -f " + String.join(" ", paths));
        assertThat(run.exit()).as("readlink -f %s: %s", paths, run).isZero();
        return new LinkedHashSet<>(run.stdout().lines().toList());
    }
}
