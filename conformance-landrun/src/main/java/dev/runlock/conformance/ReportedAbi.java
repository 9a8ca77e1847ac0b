package dev.runlock.conformance;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.runlock.testkit.HostAbi;

/** The Landlock ABI an implementation says this kernel has. */
final class ReportedAbi {
    private static final Pattern ABI = Pattern.compile("\"abi\"\\s*:\\s*(\\d+)");

    private ReportedAbi() {
    }

    /** runlock: {@code status --json}; landrun cannot say, so the harness's own probe stands in. */
    static OptionalInt of(Implementation implementation) {
        if (!implementation.dialect().has(Capability.STATUS)) {
            return OptionalInt.of(HostAbi.probe());
        }
        try {
            Outcome status = Execution.run(List.of(implementation.binary().toString(), "status", "--json"), Map.of(),
                    Path.of(System.getProperty("java.io.tmpdir")));
            Matcher abi = ABI.matcher(status.stdout());
            return status.status() == 0 && abi.find() ? OptionalInt.of(Integer.parseInt(abi.group(1)))
                    : OptionalInt.empty();
        } catch (IOException e) {
            return OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        }
    }
}
