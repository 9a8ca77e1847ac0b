package dev.runlock.cli.preset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The terminals a process has: the ones open on its descriptors 0 to 2, and {@code /dev/tty} when
 * it has a controlling terminal. Read from {@code /proc/self} of runlock, whose descriptors 0 to 2
 * the command inherits through execve; what a process has nowhere else (another user's
 * {@code /dev/pts/0}) is none of it.
 */
public record Terminals(List<Path> devices) {
    /** A terminal device's name: a pseudo-terminal, a virtual console, a serial line, the console. */
    private static final Pattern TERMINAL = Pattern.compile("/dev/(pts/\\d+|tty[A-Za-z]*\\d+|console)");
    private static final Path CONTROLLING = Path.of("/dev/tty");

    public Terminals {
        devices = List.copyOf(devices);
    }

    /** This process's terminals. */
    static Terminals ofThisProcess() {
        return of(Path.of("/proc/self"));
    }

    /** @param process a process's {@code /proc} directory, its {@code fd} links and {@code stat} read */
    static Terminals of(Path process) {
        List<Path> devices = new ArrayList<>();
        for (int fd = 0; fd <= 2; fd++) {
            try {
                Path target = Files.readSymbolicLink(process.resolve("fd").resolve(Integer.toString(fd)));
                if (TERMINAL.matcher(target.toString()).matches() && !devices.contains(target)) {
                    devices.add(target);
                }
            } catch (IOException | UnsupportedOperationException e) {
                // Closed, or not a link: no terminal on this descriptor.
            }
        }
        if (controllingTerminal(process)) {
            devices.add(CONTROLLING);
        }
        return new Terminals(devices);
    }

    /** Whether {@code stat}'s tty_nr, the 7th field, names a terminal (nonzero). */
    private static boolean controllingTerminal(Path process) {
        String stat;
        try {
            stat = Files.readString(process.resolve("stat"), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return false;
        }
        // The command name, in parentheses, may hold spaces and parentheses: fields follow the last ')'.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 1).trim().split(" ");
        return fields.length > 4 && !fields[4].equals("0");
    }
}
