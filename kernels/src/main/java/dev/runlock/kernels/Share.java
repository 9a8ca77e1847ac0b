package dev.runlock.kernels;

/**
 * How the guest sees the host's files (its root, the runlock checkout, the results directory).
 * 9p needs modules that not every Debian kernel package ships; virtiofs is built into Debian's
 * kernels but needs a {@code virtiofsd} per share on the host.
 */
public enum Share {
    /** {@code virtio-9p}, mounted with {@code cache=loose} (see the init script). */
    NINE_P("9p"),
    /** {@code vhost-user-fs}, served by qemu's {@code virtiofsd}. */
    VIRTIOFS("virtiofs");

    private final String guestName;

    Share(String guestName) {
        this.guestName = guestName;
    }

    /** The word the init script reads from {@code runlock.share=} on the kernel command line. */
    public String guestName() {
        return guestName;
    }

    /** 9p when the kernel ships its 9p module, else virtiofs. */
    public static Share of(KernelImage kernel) {
        return kernel.moduleFiles(java.util.List.of("9p")).isEmpty() ? VIRTIOFS : NINE_P;
    }
}
