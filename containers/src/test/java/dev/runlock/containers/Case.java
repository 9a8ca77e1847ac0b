package dev.runlock.containers;

/** A named column of the report and the probe that fills it. */
record Case(String name, Probe probe) {
}
