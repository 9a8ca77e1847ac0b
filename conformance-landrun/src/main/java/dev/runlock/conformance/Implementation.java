package dev.runlock.conformance;

import java.nio.file.Path;

/** A binary judged by the suite, and the dialect its command line speaks. */
public record Implementation(Path binary, Dialect dialect) {
}
