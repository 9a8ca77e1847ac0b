package dev.runlock.kernels;

import java.time.Duration;

/**
 * One case the guest script ran.
 *
 * @param name   case name, e.g. {@code strict-refusal}
 * @param status outcome
 * @param time   wall time the guest measured
 * @param detail what was seen, in one line
 */
public record CaseResult(String name, CaseStatus status, Duration time, String detail) {}
