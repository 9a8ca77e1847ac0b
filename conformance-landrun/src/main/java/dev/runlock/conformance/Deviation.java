package dev.runlock.conformance;

/** Where an implementation deliberately differs from landrun's expectation, and why. */
public record Deviation(Dialect dialect, Expectation expectation, String reason) {
}
