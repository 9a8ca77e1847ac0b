package dev.runlock.cli.preset;

import dev.runlock.elf.ExecutableResolver;
import dev.runlock.elf.ResolveException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The name-service modules glibc dlopens: each service {@code nsswitch.conf} names is
 * {@code libnss_SERVICE.so.2}, found by the ELF resolver as the loader would for the program.
 */
final class NssModules {
    static final String NSSWITCH_CONF = "/etc/nsswitch.conf";
    /** Larger is not a name-service configuration; it is not read. */
    private static final long MAX_SIZE = 1 << 20;

    private NssModules() {
    }

    /** The module sonames {@code nsswitch} names, in order; none when it is missing or unreadable. */
    static List<String> sonames(Path nsswitch) {
        List<String> lines;
        try {
            if (Files.size(nsswitch) > MAX_SIZE) {
                return List.of();
            }
            lines = Files.readAllLines(nsswitch, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return List.of();
        }
        Set<String> sonames = new LinkedHashSet<>();
        for (String line : lines) {
            int hash = line.indexOf('#');
            String content = hash < 0 ? line : line.substring(0, hash);
            int colon = content.indexOf(':');
            if (colon < 0) {
                continue;
            }
            // "hosts: files [NOTFOUND=return] dns": actions in brackets are not services.
            String services = content.substring(colon + 1).replaceAll("\\[[^]]*]", " ");
            for (String service : services.trim().split("\\s+")) {
                if (service.matches("[A-Za-z0-9_-]+")) {
                    sonames.add("libnss_" + service + ".so.2");
                }
            }
        }
        return List.copyOf(sonames);
    }

    /** The files {@code program} maps to load the modules; {@code sh}'s when the program cannot be resolved. */
    static List<Path> files(ExecutableResolver resolver, String program, List<String> sonames) {
        if (sonames.isEmpty()) {
            return List.of();
        }
        for (String candidate : List.of(program, "sh")) {
            try {
                return new ArrayList<>(resolver.dlopened(candidate, sonames));
            } catch (ResolveException e) {
                // A script interpreter or command that is not found: sh's loader finds the same modules.
            }
        }
        return List.of();
    }
}
