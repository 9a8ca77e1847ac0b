package dev.runlock.kernels;

/** Outcome of one guest case. */
public enum CaseStatus {
    PASS, FAIL, SKIP
}
