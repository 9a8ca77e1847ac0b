package dev.runlock.dist;

import dev.runlock.dist.CliModel.Flag;
import java.util.stream.Collectors;

/**
 * fish completion: runlock's options and subcommands until the command word, with paths after
 * path options and variable names after {@code --env}; then the command's own completion.
 */
final class FishCompletion {
    private FishCompletion() {
    }

    static String script(CliModel runlock) {
        StringBuilder out = new StringBuilder("""
                # fish completion for runlock; generated from runlock's option model by the dist build.

                # Prints the command word (the first that is not one of runlock's options) and its
                # position, if one has been typed.
                function __runlock_command
                    set -l words (commandline -opc)
                    set -l i 2
                    while test $i -le (count $words)
                        switch $words[$i]
                            case --
                                set i (math $i + 1)
                                break
                            case %s
                                set i (math $i + 2)
                            case '-*'
                                set i (math $i + 1)
                            case '*'
                                break
                        end
                    end
                    test $i -le (count $words); and echo $words[$i] $i
                end

                function __runlock_command_is
                    set -l found (__runlock_command)
                    and test (string split ' ' -- $found)[1] = $argv[1]
                end

                function __runlock_complete_command
                    set -l found (string split ' ' -- (__runlock_command))
                    __fish_complete_subcommand --fcs-skip=(math $found[2] - 1)
                end

                complete -c runlock -f
                """.formatted(runlock.valueOptions().stream().flatMap(o -> o.names().stream())
                .map(FishCompletion::quote).collect(Collectors.joining(" "))));
        options(out, runlock, "not __runlock_command");
        for (CliModel sub : runlock.subcommands()) {
            out.append("complete -c runlock -n 'not __runlock_command' -a ").append(quote(sub.name()))
                    .append(" -d ").append(quote(String.join(" ", sub.description()))).append('\n');
            options(out, sub, "__runlock_command_is " + sub.name());
        }
        out.append("complete -c runlock -n 'not __runlock_command' -a '(__fish_complete_command)'\n");
        String notSubcommand = runlock.subcommands().stream().map(sub -> "; and not __runlock_command_is " + sub.name())
                .collect(Collectors.joining());
        out.append("complete -c runlock -n '__runlock_command").append(notSubcommand)
                .append("' -a '(__runlock_complete_command)'\n");
        return out.toString();
    }

    private static void options(StringBuilder out, CliModel command, String condition) {
        for (Flag option : command.options()) {
            out.append("complete -c runlock -n ").append(quote(condition));
            for (String name : option.names()) {
                out.append(name.startsWith("--") ? " -l " + name.substring(2) : " -s " + name.substring(1));
            }
            if (option.takesPath()) {
                out.append(" -r -F");
            } else if (option.takesVariable()) {
                out.append(" -x -a '(set -n)'");
            } else if (option.takesValue()) {
                out.append(" -x");
            }
            out.append(" -d ").append(quote(option.description())).append('\n');
        }
    }

    private static String quote(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
