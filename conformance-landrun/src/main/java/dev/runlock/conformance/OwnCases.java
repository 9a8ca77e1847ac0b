package dev.runlock.conformance;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * runlock's own cases, beyond landrun's suite, on the same harness: one class per topic, listed
 * in {@link #all()}. Ids are literal, never reused, and run in list order: a new case takes the
 * next free id (after R100: R101, R102, ...) at the end of the last topic's list or in a new topic
 * class appended to {@link #all()}, and CASES.md is regenerated with {@code --list-cases} (a test
 * compares them).
 */
public final class OwnCases {
    /** What a command from /usr needs besides itself, when auto-import is not the point. */
    static final String LIBS = "--rox /usr --ro /lib --ro /lib64 ";
    /** A python3 sandbox with its libraries and standard library; the dialect adds auto-import. */
    static final String PY = "--rox /usr --ro /etc ";
    static final String PYTHON = Probes.PYTHON;

    private OwnCases() {
    }

    public static List<Case> all() {
        return Stream.of(AutoImportCases.all(), ConfigCases.all(), ScopeCases.all(), NewerAbiCases.all(),
                HygieneCases.all(), ViewCases.all(), BadInputCases.all(),
                EdgeCases.all(), PrivilegeCases.all(), HardeningCases.all(), DroppedRuleCases.all())
                .flatMap(List::stream).toList();
    }

    static Case own(String id, String name, Function<Fixture, Invocation> invocation, Expectation expectation) {
        return Case.of(id, name, invocation, expectation);
    }

    static Path config(Fixture f, String toml) {
        return f.write("sandbox.toml", toml, false);
    }
}
