package dev.runlock.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * The sandbox's cost on a file-heavy command: Python opens (and closes) every file under
 * {@code /usr/share}, {@link #WALKS} times: bare, through runlock without a filesystem sandbox,
 * and through runlock with the tree granted by one rule high up ({@code /}) or close to the files
 * ({@code /usr/share} and Python's standard library). Sandboxed minus unrestricted is Landlock's
 * own cost.
 */
public class WorkloadBenchmark extends PerProcess {
    static final String PYTHON = "/usr/bin/python3";
    static final String TREE = "/usr/share";
    /** Walks per run: enough opens that Landlock's share stands out of the JVM's start-up noise. */
    static final int WALKS = 3;
    private static final String WALKER = """
            import os, sys
            opened = 0
            for _ in range(int(sys.argv[2])):
                for folder, _, files in os.walk(sys.argv[1]):
                    for name in files:
                        try:
                            os.close(os.open(os.path.join(folder, name), os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW))
                            opened += 1
                        except OSError:
                            pass
            print(opened)
            """;

    /** How the walker runs. */
    public enum Sandbox {
        BARE(List.of()),
        RUNLOCK_UNRESTRICTED_FS(List.of("--unrestricted-filesystem")),
        RUNLOCK_RO_ROOT(List.of("--ro", "/")),
        /** Python's standard library is added by {@link WorkloadBenchmark#command}: its name has the version. */
        RUNLOCK_RO_NEAR(List.of("--ro", TREE));

        private final List<String> options;

        Sandbox(List<String> options) {
            this.options = options;
        }
    }

    @Param
    public Sandbox sandbox;

    @Override
    List<String> command(Path scratch) throws IOException {
        List<String> command = new ArrayList<>();
        if (sandbox != Sandbox.BARE) {
            command.add(Checkout.find().launcher().toString());
            command.addAll(sandbox.options);
            if (sandbox == Sandbox.RUNLOCK_RO_NEAR) {
                command.addAll(List.of("--ro", standardLibrary().toString()));
            }
            command.add("--");
        }
        command.addAll(List.of(PYTHON, "-I", "-c", WALKER, TREE, Integer.toString(WALKS)));
        return command;
    }

    /** {@code /usr/lib/python3.N} for the {@code python3.N} that {@code python3} links to. */
    private static Path standardLibrary() throws IOException {
        return Path.of("/usr/lib").resolve(Path.of(PYTHON).toRealPath().getFileName());
    }

    @Benchmark
    public int walk(CpuTime.OfChildren cpu) {
        return runOnce(cpu);
    }
}
