package dev.runlock.conformance;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import dev.runlock.testkit.HostAbi;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The standalone runner: {@code java -jar conformance.jar --impl runlock|landrun --binary PATH
 * [--abi N] [--subset all|landrun|own|features] [--expect-abi N] [--report DIR]}.
 * Exit status 1 when a case failed or an argument is bad.
 */
public final class Main {
    private static final String USAGE = "usage: conformance --impl runlock|landrun --binary PATH [--abi N] "
            + "[--subset all|landrun|own|features] [--cases ID,...] [--expect-abi N] [--report DIR] | --list-cases";
    private static final Set<String> OPTIONS = Set.of("--impl", "--binary", "--abi", "--subset", "--cases", "--expect-abi",
            "--report");

    private Main() {
    }

    public static void main(String[] args) throws IOException {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
        Map<String, String> options;
        Settings settings;
        try {
            if (List.of(args).equals(List.of("--list-cases"))) {
                out.print(CasesTable.markdown());
                return 0;
            }
            options = parse(args);
            Map<String, String> parameters = parameters(options);
            settings = Settings.from(key -> Optional.ofNullable(parameters.get(key)));
        } catch (IllegalArgumentException e) {
            err.println("conformance: " + e.getMessage());
            return 1;
        }
        if (options.containsKey("--expect-abi")) {
            int expected = Settings.number("--expect-abi", options.get("--expect-abi"));
            int kernel = HostAbi.probe();
            OptionalInt reported = ReportedAbi.of(settings.implementation());
            if (kernel != expected || reported.isEmpty() || reported.getAsInt() != expected) {
                err.println("conformance: expected Landlock ABI " + expected + "; the kernel has " + kernel + ", "
                        + settings.implementation().binary() + " reports "
                        + (reported.isPresent() ? reported.getAsInt() : "none"));
                return 1;
            }
        }
        boolean[] broken = {false};
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClass(ConformanceSuite.class))
                .configurationParameters(parameters(options)).build();
        LauncherFactory.create().execute(request, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (id.isTest()) {
                    out.printf("%-7s %s%n", label(result.getStatus()), id.getDisplayName());
                } else if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                    broken[0] |= result.getStatus() == TestExecutionResult.Status.FAILED;
                    out.println(label(result.getStatus()) + " " + id.getDisplayName() + ": "
                            + result.getThrowable().map(Throwable::getMessage).orElse(""));
                }
            }

            @Override
            public void executionStarted(TestIdentifier id) {
                if ("dynamic-container".equals(id.getUniqueIdObject().getLastSegment().getType())) {
                    out.println("== " + id.getDisplayName());
                }
            }
        });
        Report report = new Report(settings, Verdict.results());
        if (options.containsKey("--report")) {
            report.write(Path.of(options.get("--report")));
        }
        out.println(report.summary());
        return report.failed() > 0 || broken[0] ? 1 : 0;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!OPTIONS.contains(args[i])) {
                throw new IllegalArgumentException("unknown argument '" + args[i] + "'; " + USAGE);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            options.put(args[i], args[i + 1]);
        }
        if (!options.containsKey("--binary")) {
            throw new IllegalArgumentException("--binary is required; " + USAGE);
        }
        if (!Files.isExecutable(Path.of(options.get("--binary")))) {
            throw new IllegalArgumentException("--binary: not an executable file: " + options.get("--binary"));
        }
        if (options.containsKey("--expect-abi")) {
            Settings.number("--expect-abi", options.get("--expect-abi"));
        }
        return options;
    }

    private static Map<String, String> parameters(Map<String, String> options) {
        Map<String, String> parameters = new HashMap<>();
        for (String key : List.of("impl", "binary", "abi", "subset", "cases")) {
            if (options.containsKey("--" + key)) {
                parameters.put(Settings.PREFIX + key, options.get("--" + key));
            }
        }
        return parameters;
    }

    private static String label(TestExecutionResult.Status status) {
        return switch (status) {
            case SUCCESSFUL -> "PASS";
            case FAILED -> "FAIL";
            case ABORTED -> "SKIP";
        };
    }
}
