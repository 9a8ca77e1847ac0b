package dev.runlock.cli;

import dev.runlock.cli.config.ConfigException;
import dev.runlock.cli.text.Printable;
import dev.runlock.cli.trust.ConfigFile;
import dev.runlock.cli.trust.ConfigLocation;
import dev.runlock.cli.trust.Resolution;
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

    /**
     * Only a file runlock could use is trusted: StrictModes and the TOML are checked first. What a
     * link leads to, and each path entry that leaves the config's directory through a link, is said.
     */
    private static void trust(TrustStore store, Path file, PrintWriter out) throws ConfigException {
        ConfigFile config = ConfigFile.read(file, "config");
        TrustStore.Entry entry = store.trust(config);
        Path directory = config.realPath().getParent();
        out.println(Printable.of("trusted " + entry.name()
                + (entry.place().equals(entry.path()) ? "" : " (relative paths from " + directory + ")")));
        for (Resolution r : entry.resolutions()) {
            if (r.leaves(directory)) {
                out.println(Printable.of("  " + r.entry() + " leads to " + r.target() + " through a link out of "
                        + directory));
            }
        }
    }

    private static void untrust(TrustStore store, Path file, PrintWriter out) throws ConfigException {
        Path place = ConfigLocation.place(file);
        out.println(Printable.of(store.untrust(place) ? "untrusted " + place : place + " was not trusted"));
    }

    private static void list(TrustStore store, PrintWriter out) throws ConfigException {
        for (TrustStore.Entry entry : store.entries()) {
            String line;
            try {
                line = switch (store.verdict(ConfigFile.read(entry.place(), "config"))) {
                    case TrustStore.Verdict.Trusted t -> "trusted   " + entry.name();
                    case TrustStore.Verdict.Changed(String what) -> "changed   " + entry.name()
                            + (what.isEmpty() ? "" : " (" + what + ")");
                    case TrustStore.Verdict.Unknown u -> "changed   " + entry.name() + " (its directory now leads "
                            + "elsewhere)";
                };
            } catch (ConfigException e) {
                line = "unusable  " + e.getMessage();
            }
            out.println(Printable.of(line));
        }
    }
}
