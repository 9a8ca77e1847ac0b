package dev.runlock.landlock;

/**
 * How MPTCP sockets, and the other ways around TCP rights, are kept inside Landlock's TCP
 * restriction. Kernels with the fix for {@link Erratum#TCP_SOCKET_IDENTIFICATION} apply TCP
 * rights to plain TCP sockets only, so MPTCP, SCTP and SMC sockets would escape them; runlock
 * then refuses these with a seccomp filter, and programs fall back to TCP. (TCP Fast Open sends
 * need nothing: Landlock checks their implicit connect.)
 */
public enum Mptcp {
    /** TCP is not restricted: there is nothing to escape. */
    NOT_RESTRICTED,
    /**
     * The kernel counts MPTCP as TCP (no erratum 1): Landlock's TCP rights cover it. The seccomp
     * filter refuses the other sockets all the same, which costs nothing here.
     */
    COVERED_BY_LANDLOCK,
    /** Landlock's TCP rights skip MPTCP on this kernel: runlock's seccomp filter refuses MPTCP, SCTP and SMC. */
    BLOCKED_BY_SECCOMP;

    /** What {@code plan} does about MPTCP. */
    public static Mptcp of(RulesetPlan plan) {
        return decide(plan.kernel(), plan.ruleset().restrictsTcp());
    }

    /** What a ruleset that restricts TCP would do about MPTCP on {@code kernel}. */
    public static Mptcp whenTcpRestricted(KernelSupport kernel) {
        return decide(kernel, kernel.available() && kernel.abi().atLeast(AccessNet.BIND_TCP.since()));
    }

    private static Mptcp decide(KernelSupport kernel, boolean tcpRestricted) {
        if (!tcpRestricted) {
            return NOT_RESTRICTED;
        }
        return kernel.has(Erratum.TCP_SOCKET_IDENTIFICATION) ? BLOCKED_BY_SECCOMP : COVERED_BY_LANDLOCK;
    }
}
