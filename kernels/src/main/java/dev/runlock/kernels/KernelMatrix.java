package dev.runlock.kernels;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads the kernel matrix: one kernel per line, columns {@code name suite packages abi}
 * separated by whitespace, {@code #} starts a comment line.
 */
public final class KernelMatrix {

    private static final String HOST = "host";
    private static final int MAX_ABI = 64;

    private KernelMatrix() {}

    /** Parses {@code file}; throws {@link MatrixFormatException} naming the offending line. */
    public static List<KernelSpec> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read kernel matrix " + file, e);
        }
        List<KernelSpec> kernels = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            KernelSpec spec = parseRow(file, i + 1, line);
            if (!names.add(spec.name())) {
                throw new MatrixFormatException(file, i + 1, "duplicate kernel name '" + spec.name() + "'");
            }
            kernels.add(spec);
        }
        if (kernels.isEmpty()) {
            throw new MatrixFormatException(file, lines.size(), "no kernels listed");
        }
        return List.copyOf(kernels);
    }

    private static KernelSpec parseRow(Path file, int line, String text) {
        String[] columns = text.split("\\s+");
        if (columns.length != 4) {
            throw new MatrixFormatException(file, line,
                    "expected 4 columns (name suite packages abi), found " + columns.length);
        }
        String name = columns[0];
        String suite = columns[1];
        int abi = parseAbi(file, line, columns[3]);
        if (suite.equals(HOST)) {
            if (!columns[2].equals("-")) {
                throw new MatrixFormatException(file, line, "the host kernel takes no packages: write '-'");
            }
            return new KernelSpec(name, new KernelSource.Host(), abi);
        }
        if (!suite.matches("[a-z][a-z0-9-]*")) {
            throw new MatrixFormatException(file, line, "invalid Debian suite '" + suite + "'");
        }
        List<Pattern> packages = Arrays.stream(columns[2].split(","))
                .map(regex -> compile(file, line, regex))
                .toList();
        return new KernelSpec(name, new KernelSource.Debian(suite, packages), abi);
    }

    private static Pattern compile(Path file, int line, String regex) {
        if (regex.isEmpty() || regex.equals("-")) {
            throw new MatrixFormatException(file, line, "a Debian kernel needs at least one package pattern");
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new MatrixFormatException(file, line,
                    "invalid package pattern '" + regex + "': " + e.getDescription());
        }
    }

    private static int parseAbi(Path file, int line, String text) {
        try {
            int abi = Integer.parseInt(text);
            if (abi >= 0 && abi <= MAX_ABI) {
                return abi;
            }
        } catch (NumberFormatException e) {
            // reported below together with out-of-range values
        }
        throw new MatrixFormatException(file, line, "ABI must be a number from 0 to " + MAX_ABI + ", not '" + text + "'");
    }
}
