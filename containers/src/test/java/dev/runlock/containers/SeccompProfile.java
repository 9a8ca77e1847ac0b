package dev.runlock.containers;

/**
 * A seccomp profile that allows everything except the three Landlock syscalls, which fail
 * with {@code errno} (what older runtimes and some Kubernetes profiles do).
 *
 * @param errno what the blocked syscalls return: 1 (EPERM) or 38 (ENOSYS)
 */
record SeccompProfile(int errno) {
    static final SeccompProfile EPERM = new SeccompProfile(1);
    static final SeccompProfile ENOSYS = new SeccompProfile(38);

    /** The profile as the engine API takes it: JSON text, never a file name. */
    String json() {
        return """
                {"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["landlock_create_ruleset",\
                "landlock_add_rule","landlock_restrict_self"],"action":"SCMP_ACT_ERRNO","errnoRet":%d}]}"""
                .formatted(errno);
    }
}
