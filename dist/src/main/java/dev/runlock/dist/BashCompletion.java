package dev.runlock.dist;

import dev.runlock.dist.CliModel.Flag;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * bash completion: runlock's options and subcommands, paths after path options, variable names
 * after {@code --env}, and once the command is typed, that command's own completion (as for
 * {@code sudo}), when bash-completion is loaded.
 */
final class BashCompletion {
    private BashCompletion() {
    }

    static String script(CliModel runlock) {
        StringBuilder subcommands = new StringBuilder();
        for (CliModel sub : runlock.subcommands()) {
            subcommands.append("            ").append(sub.name()).append(") COMPREPLY=( $(compgen -W '")
                    .append(String.join(" ", sub.optionNames())).append("' -- \"$cur\") ) ;;\n");
        }
        return """
                # bash completion for runlock; generated from runlock's option model by the dist build.
                _runlock() {
                    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} i=1
                    # bash splits --ro=/etc into --ro, = and /etc.
                    [[ $prev == = ]] && prev=${COMP_WORDS[COMP_CWORD-2]}
                    # The command starts at the first word that is not one of runlock's options.
                    while (( i < COMP_CWORD )); do
                        if [[ ${COMP_WORDS[i+1]} == = ]]; then
                            (( i += 3 ))
                            continue
                        fi
                        case ${COMP_WORDS[i]} in
                            --) (( i++ )); break ;;
                            %1$s) (( i += 2 )) ;;
                            -*) (( i++ )) ;;
                            *) break ;;
                        esac
                    done
                    if (( i < COMP_CWORD )); then
                        case ${COMP_WORDS[i]} in
                %2$s            *)
                                if declare -F _command_offset >/dev/null; then
                                    _command_offset "$i"
                                else
                                    COMPREPLY=( $(compgen -f -- "$cur") )
                                fi ;;
                        esac
                        return
                    fi
                    case $prev in
                        %3$s)
                            # Lists take commas: complete the last element.
                            local head=${cur%%"${cur##*,}"}
                            compopt -o filenames 2>/dev/null
                            COMPREPLY=( $(compgen -f -- "${cur##*,}") )
                            COMPREPLY=( "${COMPREPLY[@]/#/$head}" )
                            return ;;
                        %4$s) COMPREPLY=( $(compgen -e -- "$cur") ); return ;;
                        %1$s) return ;;
                    esac
                    if [[ $cur == -* ]]; then
                        COMPREPLY=( $(compgen -W '%5$s' -- "$cur") )
                    else
                        COMPREPLY=( $(compgen -W '%6$s' -- "$cur") $(compgen -c -- "$cur") )
                    fi
                }
                complete -F _runlock runlock
                """.formatted(
                names(runlock.valueOptions(), f -> true),
                subcommands,
                names(runlock.valueOptions(), Flag::takesPath),
                names(runlock.valueOptions(), Flag::takesVariable),
                String.join(" ", runlock.optionNames()),
                runlock.subcommands().stream().map(CliModel::name).collect(Collectors.joining(" ")));
    }

    /** A case pattern: {@code --ro|--rox}. */
    private static String names(List<Flag> options, Predicate<Flag> which) {
        String pattern = options.stream().filter(which).flatMap(o -> o.names().stream())
                .collect(Collectors.joining("|"));
        // An empty pattern would match an empty word; this one matches nothing a user types.
        return pattern.isEmpty() ? "--runlock-none" : pattern;
    }
}
