package dev.runlock.landlock;

import java.util.EnumSet;

/** Network access rights ({@code LANDLOCK_ACCESS_NET_*}), matched on port numbers only. */
public enum AccessNet implements LandlockBit {
    BIND_TCP(0, Abi.V4, Protocol.TCP, "TCP"),
    CONNECT_TCP(1, Abi.V4, Protocol.TCP, "TCP"),
    BIND_UDP(2, Abi.V10, Protocol.UDP, "UDP"),
    CONNECT_SEND_UDP(3, Abi.V10, Protocol.UDP, "UDP");

    /** The transport a network right governs. */
    public enum Protocol { TCP, UDP }

    private final Protocol protocol;
    private final Spec spec;

    AccessNet(int shift, Abi since, Protocol protocol, String feature) {
        this.spec = Spec.at(shift, since, feature);
        this.protocol = protocol;
    }

    @Override
    public Spec spec() {
        return spec;
    }

    public Protocol protocol() {
        return protocol;
    }

    public static EnumSet<AccessNet> upTo(Abi abi) {
        return LandlockBit.upTo(AccessNet.class, abi);
    }
}
