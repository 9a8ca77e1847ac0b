package dev.runlock.cli;

import dev.runlock.cli.config.ConfigException;
import dev.runlock.cli.config.SandboxConfig;
import dev.runlock.cli.text.Printable;
import dev.runlock.cli.trust.ConfigFile;
import dev.runlock.cli.trust.ConfigLocation;
import dev.runlock.cli.trust.TrustStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.ParseResult;

/**
 * {@code runlock trust [--list] [FILE]} and {@code runlock untrust [FILE]}: which configs the user trusts.
 * Paths and what a refused file holds are printed through {@link Printable}: nothing is trusted yet.
 */
final class TrustCommand {
    private TrustCommand() {
    }

    /** Runs the parsed subcommand; every failure is one {@code runlock: error:} line and status 1. */
    static int run(ParseResult subcommand, Map<String, String> environment, PrintWriter out, PrintWriter err) {
        String named = CommandModel.file(subcommand);
        Path file = Path.of("").toAbsolutePath().resolve(named == null ? ConfigLocation.IMPLICIT_NAME : named);
        try {
            TrustStore store = TrustStore.of(environment);
            if (subcommand.commandSpec().name().equals(CommandModel.UNTRUST)) {
                untrust(store, file, out);
            } else if (subcommand.hasMatchedOption(CommandModel.LIST)) {
                if (named != null) {
                    throw new ConfigException("--list takes no FILE");
                }
                list(store, out);
            } else {
                trust(store, file, out);
            }
            out.flush();
            return 0;
        } catch (ConfigException e) {
            new Log(err, Log.Level.WARN).error(e.getMessage());
            return 1;
        }
    }

    /** Only a file runlock could use is trusted: StrictModes and the TOML are checked first. */
    private static void trust(TrustStore store, Path file, PrintWriter out) throws ConfigException {
        ConfigFile config = ConfigFile.read(file, "config");
        SandboxConfig.sections(config.path(), config.text());
        store.trust(config);
        out.println(Printable.of("trusted " + config.realPath()));
    }

    private static void untrust(TrustStore store, Path file, PrintWriter out) throws ConfigException {
        Path real = TrustStore.recordedPath(file);
        out.println(Printable.of(store.untrust(real) ? "untrusted " + real : real + " was not trusted"));
    }

    private static void list(TrustStore store, PrintWriter out) throws ConfigException {
        for (TrustStore.Entry entry : store.entries()) {
            String line;
            try {
                boolean same = ConfigFile.read(entry.path(), "config").sha256().equals(entry.sha256());
                line = (same ? "trusted   " : "changed   ") + entry.path();
            } catch (ConfigException e) {
                line = "unusable  " + e.getMessage();
            }
            out.println(Printable.of(line));
        }
    }
}
