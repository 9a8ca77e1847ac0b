package dev.runlock.containers;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import java.util.List;

/** How a test container is locked down around runlock. */
enum Confinement {
    /** The engine's defaults: root, default capabilities, default seccomp profile. */
    ROOT("root"),
    /** uid 1000 with no capabilities at all and no-new-privileges: what Landlock is for. */
    UNPRIVILEGED("uid 1000, no caps"),
    /** A seccomp profile that makes the Landlock syscalls fail with EPERM. */
    SECCOMP_EPERM("seccomp EPERM"),
    /** A seccomp profile that makes the Landlock syscalls fail with ENOSYS. */
    SECCOMP_ENOSYS("seccomp ENOSYS");

    private final String label;

    Confinement(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    void applyTo(CreateContainerCmd command) {
        HostConfig host = command.getHostConfig();
        switch (this) {
            case ROOT -> { }
            case UNPRIVILEGED -> {
                command.withUser("1000:1000");
                host.withCapDrop(Capability.ALL).withSecurityOpts(List.of("no-new-privileges"));
            }
            case SECCOMP_EPERM -> host.withSecurityOpts(List.of("seccomp=" + SeccompProfile.EPERM.json()));
            case SECCOMP_ENOSYS -> host.withSecurityOpts(List.of("seccomp=" + SeccompProfile.ENOSYS.json()));
        }
    }
}
