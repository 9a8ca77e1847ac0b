package dev.runlock.containers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/**
 * Containers whose seccomp profile makes the Landlock syscalls fail (EPERM, or ENOSYS as if the
 * kernel had none): best effort runs the command with one warning, --compat hard refuses,
 * status says "blocked".
 */
class SeccompIT extends MatrixSuite {

    SeccompIT() {
        super("Seccomp profile blocking the Landlock syscalls",
                List.of(Confinement.SECCOMP_EPERM, Confinement.SECCOMP_ENOSYS));
    }

    @Override
    List<Case> cases() {
        return List.of(
                new Case("what runlock can see", SeccompIT::visibleEvidence),
                new Case("best effort", SeccompIT::bestEffortWarnsOnce),
                new Case("--compat hard", SeccompIT::hardRefuses),
                new Case("status --json", SeccompIT::statusSaysBlocked));
    }

    /** The clues runlock has to tell a filter from a kernel without Landlock. */
    private static String visibleEvidence(Guest guest) {
        Outcome seccomp = guest.shell("grep '^Seccomp:' /proc/self/status");
        assertThat(seccomp.stdout()).as("/proc/self/status in a container with a seccomp profile").contains("2");
        Outcome lsm = guest.shell("cat /sys/kernel/security/lsm");
        return "Seccomp: 2; /sys/kernel/security/lsm: "
                + (lsm.exit() == 0 ? lsm.stdout().strip() : "missing");
    }

    private static String bestEffortWarnsOnce(Guest guest) {
        String version = guest.shell("cat /etc/debian_version").stdout().strip();
        Outcome run = guest.runlock("--", "cat", "/etc/debian_version");
        assertThat(run.exit()).as("runlock -- cat /etc/debian_version (best effort): %s", run).isZero();
        assertThat(run.stdout().strip()).as("the unsandboxed command ran").isEqualTo(version);
        assertThat(run.stderrLines()).as("stderr of runlock in best effort").singleElement().asString()
                .startsWith("runlock: warning: sandbox NOT enforced: ").contains(errnoName(guest));
        return blamesSeccomp(guest, run.stderr().strip());
    }

    private static String hardRefuses(Guest guest) {
        Outcome run = guest.runlock("--compat", "hard", "--", "/bin/true");
        assertThat(run.exit()).as("runlock --compat hard -- /bin/true: %s", run).isEqualTo(1);
        assertThat(run.stderrLines()).as("stderr of runlock --compat hard").singleElement().asString()
                .startsWith("runlock: error: ").contains(errnoName(guest));
        return blamesSeccomp(guest, run.stderr().strip());
    }

    private static String statusSaysBlocked(Guest guest) {
        Outcome run = guest.runlock("status", "--json");
        assertThat(run.exit()).as("runlock status --json: %s", run).isZero();
        assertThat(run.stdout()).as("runlock status --json under a blocking seccomp profile")
                .contains("\"abi\": 0", errnoName(guest));
        blamesSeccomp(guest, run.stdout());
        assertThat(run.stdout()).as("runlock status --json under a blocking seccomp profile")
                .contains("\"landlock\": \"blocked\"");
        return "blocked, ABI 0";
    }

    /** Asserts that runlock's message blames the seccomp filter, for EPERM and ENOSYS alike. */
    private static String blamesSeccomp(Guest guest, String message) {
        assertThat(message).as("runlock's message under a blocking seccomp profile").contains("seccomp");
        return message;
    }

    private static String errnoName(Guest guest) {
        return switch (guest.confinement()) {
            case SECCOMP_EPERM -> "EPERM";
            case SECCOMP_ENOSYS -> "ENOSYS";
            case ROOT, UNPRIVILEGED -> throw new IllegalArgumentException(guest.confinement() + " blocks nothing");
        };
    }
}
