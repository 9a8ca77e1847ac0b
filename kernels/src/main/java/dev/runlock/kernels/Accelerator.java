package dev.runlock.kernels;

import java.util.List;

/** How qemu runs the guest: hardware virtualisation or software emulation. */
public enum Accelerator {
    KVM(List.of("-accel", "kvm", "-cpu", "host")),
    TCG(List.of("-accel", "tcg", "-cpu", "max"));

    private final List<String> qemuOptions;

    Accelerator(List<String> qemuOptions) {
        this.qemuOptions = qemuOptions;
    }

    List<String> qemuOptions() {
        return qemuOptions;
    }
}
