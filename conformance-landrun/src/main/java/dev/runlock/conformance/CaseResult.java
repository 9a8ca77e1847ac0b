package dev.runlock.conformance;

/** One case's verdict on one target, for the reports. */
public record CaseResult(String id, String name, String target, int effectiveAbi, Status status, String detail) {

    /** A verdict. */
    public enum Status { PASSED, FAILED, SKIPPED }
}
