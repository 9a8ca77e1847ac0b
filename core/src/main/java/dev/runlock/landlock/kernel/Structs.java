package dev.runlock.landlock.kernel;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import dev.runlock.landlock.Abi;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;

/** The kernel structs runlock passes, with their C declarations. */
final class Structs {
    private Structs() {
    }

    /*
     * struct landlock_ruleset_attr {
     *     __u64 handled_access_fs;   // ABI 1
     *     __u64 handled_access_net;  // ABI 4
     *     __u64 scoped;              // ABI 6
     *     __u64 quiet_access_fs;     // ABI 10
     *     __u64 quiet_access_net;    // ABI 10
     *     __u64 quiet_scoped;        // ABI 10
     * };
     */
    static final StructLayout RULESET_ATTR = MemoryLayout.structLayout(
            JAVA_LONG.withName("handled_access_fs"),
            JAVA_LONG.withName("handled_access_net"),
            JAVA_LONG.withName("scoped"),
            JAVA_LONG.withName("quiet_access_fs"),
            JAVA_LONG.withName("quiet_access_net"),
            JAVA_LONG.withName("quiet_scoped"));

    /* struct landlock_path_beneath_attr { __u64 allowed_access; __s32 parent_fd; } __attribute__((packed)); */
    static final StructLayout PATH_BENEATH_ATTR = MemoryLayout.structLayout(
            JAVA_LONG.withName("allowed_access"),
            JAVA_INT.withName("parent_fd"));

    /* struct landlock_net_port_attr { __u64 allowed_access; __u64 port; }; */
    static final StructLayout NET_PORT_ATTR = MemoryLayout.structLayout(
            JAVA_LONG.withName("allowed_access"),
            JAVA_LONG.withName("port"));

    /* struct sock_filter { __u16 code; __u8 jt; __u8 jf; __u32 k; }; */
    static final StructLayout SOCK_FILTER = MemoryLayout.structLayout(
            JAVA_SHORT.withName("code"),
            JAVA_BYTE.withName("jt"),
            JAVA_BYTE.withName("jf"),
            JAVA_INT.withName("k"));

    /* struct sock_fprog { unsigned short len; struct sock_filter *filter; }; */
    static final StructLayout SOCK_FPROG = MemoryLayout.structLayout(
            JAVA_SHORT.withName("len"),
            MemoryLayout.paddingLayout(6),
            JAVA_LONG.withName("filter"));

    /** The size of {@code landlock_ruleset_attr} a kernel of {@code abi} knows. */
    static long rulesetAttrSize(Abi abi) {
        if (abi.atLeast(Abi.V10)) {
            return 48;
        }
        if (abi.atLeast(Abi.V6)) {
            return 24;
        }
        return abi.atLeast(Abi.V4) ? 16 : 8;
    }
}
