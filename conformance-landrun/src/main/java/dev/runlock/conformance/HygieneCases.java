package dev.runlock.conformance;

import static dev.runlock.conformance.Expectation.exit;
import static dev.runlock.conformance.Invocation.sandbox;
import static dev.runlock.conformance.OwnCases.LIBS;
import static dev.runlock.conformance.OwnCases.own;
import static dev.runlock.conformance.Words.line;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Own cases: what the command inherits (descriptors, signals, limits) and what runlock leaves behind. */
final class HygieneCases {
    private static final String LANDRUN_LEAKS = "landrun passes every inherited descriptor on; runlock closes those "
            + "above 2 unless --keep-fd names them, so a sandboxed command cannot use the caller's open files";

    private HygieneCases() {
    }

    static List<Case> all() {
        return List.of(
                own("R59", "inherited descriptors above 2 are closed",
                        f -> sandbox(line(LIBS + "--ro /proc -- bash -c", "test ! -e /proc/self/fd/7"))
                                .wrappedIn("exec 7</etc/hostname"), exit(0))
                        .deviates(Dialect.LANDRUN, exit(1), LANDRUN_LEAKS),
                own("R60", "--keep-fd keeps a named inherited descriptor",
                        f -> sandbox(line("--keep-fd 7 " + LIBS + "--ro /proc -- bash -c", "test -e /proc/self/fd/7"))
                                .wrappedIn("exec 7</etc/hostname"), exit(0)).requires(Capability.KEEP_FD),
                sameAsDirect("R61", "signal mask and ignored signals are the caller's (nohup)", "trap '' HUP",
                        HygieneCases::standardSignals, "grep", "-E", "^Sig(Blk|Ign)", "/proc/self/status"),
                sameAsDirect("R62", "RLIMIT_NOFILE is the caller's", "ulimit -Sn 1000", UnaryOperator.identity(), "bash", "-c", "ulimit -Sn; ulimit -Hn"),
                own("R63", "the command's exit status is passed through", f -> sandbox(line(LIBS + "-- sh -c", "exit 42")), exit(42)),
                own("R64", "death by signal is passed through (128 + SIGTERM)",
                        f -> sandbox(line(LIBS + "-- sh -c", "kill -TERM $$")), exit(143)),
                own("R65", "nothing is left in /tmp", f -> {
                    f.snapshotTmp();
                    return sandbox(line(LIBS + "-- sh -c", "echo $$"));
                }, exit(0).and(new Check("no new /tmp entry named after the run's process (the JVM's own files)",
                        // Only names that carry the run's pid can be told apart from what other
                        // processes on the machine create in /tmp meanwhile.
                        (o, f) -> f.newInTmp().stream().noneMatch(name -> List.of(name.split("\\D+"))
                                .contains(o.stdout().strip()))))
                        .and(new Check(
                        "no hsperfdata file for the command's pid", (o, f) -> {
                            try (Stream<Path> users = Files.list(Path.of("/tmp")).filter(p -> p.getFileName().toString()
                                    .startsWith("hsperfdata_"))) {
                                return users.noneMatch(dir -> Files.exists(dir.resolve(o.stdout().strip())));
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        }))));
    }

    private static Case sameAsDirect(String id, String name, String setup, UnaryOperator<String> normal, String... command) {
        List<String> direct = new ArrayList<>(List.of("bash", "-c", setup + "; exec \"$@\"", "direct"));
        direct.addAll(List.of(command));
        return own(id, name, f -> sandbox(line(LIBS + "--ro /proc --", command)).wrappedIn(setup),
                exit(0).and(new Check("stdout equal to a direct run's", (o, f) -> {
                    try {
                        return normal.apply(o.stdout())
                                .equals(normal.apply(Execution.run(direct, Map.of(), f.root()).stdout()));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                })));
    }
    private static String standardSignals(String status) {
        return Pattern.compile("\\p{XDigit}{16}").matcher(status)
                .replaceAll(m -> "%08x".formatted(Long.parseUnsignedLong(m.group(), 16) & 0x7fffffffL));
    }
}
