package dev.runlock.cli;

import dev.runlock.elf.ExecClosure;
import dev.runlock.elf.ResolvedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version manager's shim met among the programs runlock imports: a script in {@code ~/.pyenv/shims}
 * (or a link there to {@code mise}) that runs the manager, which picks the real program from files
 * in the home directory when it runs. Granting all that would grant the manager's whole tree, so
 * runlock refuses and names the command that prints the real program.
 *
 * @param program the name the shim stands for, e.g. {@code python3}
 */
record VersionManagerShim(Manager manager, Path shim, String program) {
    /** The version managers whose shims runlock recognises, by directory or by what the script runs. */
    enum Manager {
        PYENV, ASDF, MISE, RBENV, NODENV;

        String command() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The manager whose data directory is {@code dir}: {@code .pyenv}, {@code pyenv} (a custom root), {@code mise}. */
        static Optional<Manager> ofRoot(Path dir) {
            if (dir == null || dir.getFileName() == null) {
                return Optional.empty();
            }
            String name = dir.getFileName().toString();
            String bare = name.startsWith(".") ? name.substring(1) : name;
            for (Manager manager : values()) {
                if (manager.command().equals(bare)) {
                    return Optional.of(manager);
                }
            }
            return Optional.empty();
        }
    }

    /** How much of a script is read: a shim is a few lines. */
    private static final int HEAD = 4096;
    /** What a shim's script runs: {@code exec "/home/u/.pyenv/libexec/pyenv" exec}, {@code asdf exec}, {@code mise x}. */
    private static final Pattern RUNS_MANAGER = Pattern.compile(
            "(?m)^\\s*exec\\s+\\S*?\\b(pyenv|asdf|mise|rbenv|nodenv)\"?\\s+(exec|x)\\b");

    /** The first shim among the programs the kernel execs to start {@code closure}'s command. */
    static Optional<VersionManagerShim> find(ExecClosure closure) {
        for (ResolvedFile file : closure.files()) {
            if (file.role().needsExecute()) {
                Optional<VersionManagerShim> shim = of(file.path());
                if (shim.isPresent()) {
                    return shim;
                }
            }
        }
        return Optional.empty();
    }

    /** {@code file} as a shim: in a manager's {@code shims} directory, or a script that runs a manager. */
    static Optional<VersionManagerShim> of(Path file) {
        Path dir = file.getParent();
        String program = String.valueOf(file.getFileName());
        if (dir != null && "shims".equals(String.valueOf(dir.getFileName()))) {
            Optional<Manager> manager = Manager.ofRoot(dir.getParent());
            if (manager.isPresent()) {
                return Optional.of(new VersionManagerShim(manager.get(), file, program));
            }
        }
        return script(file).flatMap(text -> {
            Matcher m = RUNS_MANAGER.matcher(text);
            return m.find() ? Optional.of(new VersionManagerShim(Manager.valueOf(m.group(1).toUpperCase(Locale.ROOT)),
                    file, program)) : Optional.empty();
        });
    }

    /** The start of a {@code #!} script, not following links (the closure lists each link's target too). */
    private static Optional<String> script(Path file) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] head = in.readNBytes(HEAD);
            return head.length > 2 && head[0] == '#' && head[1] == '!'
                    ? Optional.of(new String(head, StandardCharsets.ISO_8859_1)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** One line: what the shim is, and how to give runlock the real program in its place. */
    String refusal(String command) {
        String which = "\"$(" + manager.command() + " which " + program + ")\"";
        boolean direct = command.equals(program) || shim.toString().equals(command);
        return (direct ? command : command + " runs " + program + ", which") + " is " + manager.command() + "'s shim "
                + shim + ", a script that runs " + manager.command() + " to pick the real program (the sandbox would"
                + " have to grant all of " + manager.command() + "); give runlock the real program: runlock [OPTIONS] -- "
                + which + (direct ? "" : " " + command) + " [ARGS]";
    }
}
