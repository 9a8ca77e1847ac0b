package dev.runlock.dist;

import dev.runlock.dist.CliModel.Flag;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * fish completion: runlock's options and subcommands until the command word, with values after
 * options (paths, variable names, presets, levels, ABIs; the last element of a comma list); learn's
 * and diagnose's options the same way; then the command's own completion.
 */
final class FishCompletion {
    private FishCompletion() {
    }

    static String script(CliModel runlock) {
        StringBuilder out = new StringBuilder("""
                # fish completion for runlock; generated from runlock's option model by the dist build.

                # Prints the position of the first word from position $argv[1] on that is not an option,
                # "ended" if it follows -- (else -), and the word, if one has been typed (or -- has been).
                # The word comes last: it may hold spaces.
                function __runlock_word_from
                    set -l words (commandline -opc)
                    set -l i $argv[1]
                    set -l ended
                    while test $i -le (count $words)
                        switch $words[$i]
                            case --
                                set i (math $i + 1)
                                set ended ended
                                break
                            case %1$s
                                set i (math $i + 2)
                            case '-*'
                                set i (math $i + 1)
                            case '*'
                                break
                        end
                    end
                    set -q ended[1]; or set ended -
                    if test $i -le (count $words)
                        echo $i $ended $words[$i]
                    else if test "$ended" = ended
                        # Nothing typed after --: the command goes at $i.
                        echo $i ended ended
                    else
                        return 1
                    end
                end

                # runlock's own command word (a subcommand or the command to run), if typed.
                function __runlock_command
                    __runlock_word_from 2
                end

                # The found command word, its position and "ended" as a list; false if none was typed.
                function __runlock_found
                    set -l found (__runlock_word_from $argv[1]); or return 1
                    set -l parts (string split -m2 ' ' -- $found)
                    printf '%%s\\n' $parts[3] $parts[1]
                    test $parts[2] = ended; and echo ended
                    return 0
                end

                # Whether the subcommand $argv[1] was typed, and not yet the command it runs (or its operand).
                function __runlock_command_is
                    set -l found (__runlock_found 2); or return 1
                    test "$found[1]" = $argv[1]; and test -z "$found[3]"; or return 1
                    not __runlock_word_from (math $found[2] + 1) >/dev/null
                end

                # Whether the command to run has been typed: directly, after --, or after learn's or diagnose's options.
                function __runlock_running
                    set -l found (__runlock_found 2); or return 1
                    if test -z "$found[3]"; and contains -- $found[1] %2$s
                        __runlock_word_from (math $found[2] + 1) >/dev/null
                        return
                    end
                    test -n "$found[3]"; or not contains -- $found[1] %3$s
                end

                function __runlock_complete_command
                    set -l found (__runlock_found 2)
                    if test -z "$found[3]"; and contains -- $found[1] %2$s
                        set found (__runlock_found (math $found[2] + 1))
                    end
                    # __fish_complete_subcommand skips the words before the command that look like options
                    # (-*, *=*: --, --rw=.) without counting them: count only the others.
                    set -l words (commandline -opc)
                    set -l skip 0
                    for word in $words[1..(math $found[2] - 1)]
                        string match -q -- '-*' $word; or string match -q -- '*=*' $word; or set skip (math $skip + 1)
                    end
                    __fish_complete_subcommand --fcs-skip=$skip
                end

                # The words $argv for the last element of the current token, a list separated by commas.
                function __runlock_list
                    set -l head (string replace -r -- '^--[^=]*=' '' (commandline -ct) | string replace -r -- '[^,]*$' '')
                    printf '%%s\\n' $head$argv
                end

                complete -c runlock -f
                """.formatted(
                        Stream.concat(Stream.of(runlock), runlock.subcommands().stream())
                                .flatMap(c -> c.valueOptions().stream()).flatMap(o -> o.names().stream()).distinct()
                                .map(FishCompletion::quote).collect(Collectors.joining(" ")),
                        subcommands(runlock, true), subcommands(runlock, false)));
        options(out, runlock, "not __runlock_command");
        for (CliModel sub : runlock.subcommands()) {
            out.append("complete -c runlock -n 'not __runlock_command' -a ").append(quote(sub.name()))
                    .append(" -d ").append(quote(String.join(" ", sub.description()))).append('\n');
            options(out, sub, "__runlock_command_is " + sub.name());
            if (sub.takesFile()) {
                out.append("complete -c runlock -n '__runlock_command_is ").append(sub.name()).append("' -F\n");
            }
            if (sub.runsCommand()) {
                out.append("complete -c runlock -n '__runlock_command_is ").append(sub.name())
                        .append("' -a '(__fish_complete_command)'\n");
            }
        }
        out.append("complete -c runlock -n 'not __runlock_command' -a '(__fish_complete_command)'\n");
        out.append("complete -c runlock -n '__runlock_running' -a '(__runlock_complete_command)'\n");
        return out.toString();
    }

    /** The names of the subcommands that run a command (learn, diagnose), or of all of them. */
    private static String subcommands(CliModel runlock, boolean running) {
        return runlock.subcommands().stream().filter(c -> !running || c.runsCommand()).map(CliModel::name)
                .collect(Collectors.joining(" "));
    }

    private static void options(StringBuilder out, CliModel command, String condition) {
        for (Flag option : command.options()) {
            out.append("complete -c runlock -n ").append(quote(condition));
            for (String name : option.names()) {
                out.append(name.startsWith("--") ? " -l " + name.substring(2) : " -s " + name.substring(1));
            }
            if (!option.values().isEmpty()) {
                String values = String.join(" ", option.values());
                out.append(" -x -a ").append(quote(option.repeatable() ? "(__runlock_list " + values + ")" : values));
            } else if (option.takesPath()) {
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
