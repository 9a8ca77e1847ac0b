package dev.runlock.conformance;

import static dev.runlock.conformance.Expectation.exit;
import static dev.runlock.conformance.Invocation.sandbox;
import static dev.runlock.conformance.OwnCases.own;
import static dev.runlock.conformance.Words.line;

import java.util.List;

/**
 * Own cases: no_new_privs as the sandboxed command sees it, restricted or not. landrun sets it only
 * when it restricts something, so R90 is runlock's guarantee alone.
 */
final class PrivilegeCases {
    /** Exits 0 when no_new_privs is set, 3 when not: neither is runlock's own status 1. */
    private static final String[] NO_NEW_PRIVS = {"awk", "/^NoNewPrivs:/ { exit($2 == 1 ? 0 : 3) }", "/proc/self/status"};

    private PrivilegeCases() {
    }

    static List<Case> all() {
        return List.of(
                own("R89", "no_new_privs is set in the sandbox",
                        f -> sandbox(line("--ro /proc --", NO_NEW_PRIVS)).autoImported(), exit(0)),
                own("R90", "no_new_privs is set when nothing is restricted too (the terminal guard needs it)",
                        f -> sandbox(line("--unrestricted-filesystem --unrestricted-network --unrestricted-scoped --",
                                NO_NEW_PRIVS)), exit(0)).requires(Capability.TERMINAL_GUARD));
    }
}
