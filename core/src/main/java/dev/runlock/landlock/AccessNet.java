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

    private final long bit;
    private final Abi since;
    private final Protocol protocol;
    private final String feature;

    AccessNet(int shift, Abi since, Protocol protocol, String feature) {
        this.bit = 1L << shift;
        this.since = since;
        this.protocol = protocol;
        this.feature = feature;
    }

    @Override
    public long bit() {
        return bit;
    }

    @Override
    public Abi since() {
        return since;
    }

    @Override
    public String feature() {
        return feature;
    }

    public Protocol protocol() {
        return protocol;
    }

    public static EnumSet<AccessNet> upTo(Abi abi) {
        return LandlockBit.upTo(AccessNet.class, abi);
    }
}
