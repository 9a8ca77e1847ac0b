package dev.runlock.dist;

import dev.runlock.cli.CommandModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the man page and the bash, zsh and fish completions of {@code runlock} from its
 * option model, in the directories of a {@code share/} tree.
 * Usage: {@code Docs SHARE_DIR VERSION}.
 */
public final class Docs {
    private Docs() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: Docs SHARE_DIR VERSION");
        }
        Path share = Path.of(args[0]);
        CliModel model = CliModel.of(CommandModel.commandLine());
        write(share.resolve("man/man1/runlock.1"), new ManPage(model, args[1]).text());
        write(share.resolve("bash-completion/completions/runlock"), BashCompletion.script(model));
        write(share.resolve("zsh/vendor-completions/_runlock"), ZshCompletion.script(model));
        write(share.resolve("fish/vendor_completions.d/runlock.fish"), FishCompletion.script(model));
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
