package dev.runlock.containers;

/** One check run in one container; returns what it saw, in a few words, for the report. */
@FunctionalInterface
interface Probe {
    String check(Guest guest) throws Exception;
}
