package dev.runlock.dist;

import dev.runlock.dist.CliModel.Flag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * bash completion: runlock's options and subcommands; after an option, its values (paths, variable
 * names, presets, log levels, compat levels, ABIs; the last element of a comma list); learn's and
 * diagnose's options the same way; command names where the command goes, and once it is typed,
 * that command's own completion (as for {@code sudo}), when bash-completion is loaded.
 */
final class BashCompletion {
    private BashCompletion() {
    }

    static String script(CliModel runlock) {
        List<CliModel> commands = new ArrayList<>(List.of(runlock));
        commands.addAll(runlock.subcommands());
        // Every option that takes a value, once: learn and diagnose share runlock's.
        Map<String, Flag> valued = new LinkedHashMap<>();
        commands.forEach(c -> c.valueOptions().forEach(o -> valued.putIfAbsent(o.names().getLast(), o)));
        List<Flag> values = List.copyOf(valued.values());

        StringBuilder valueCases = new StringBuilder();
        for (Flag option : values) {
            String separator = option.repeatable() && !option.takesVariable() ? "," : "''";
            String action = !option.values().isEmpty()
                    ? "_runlock_values " + separator + " '" + String.join(" ", option.values()) + "'"
                    : option.takesPath() ? "_runlock_values " + separator
                    : option.takesVariable() ? "COMPREPLY=( $(compgen -e -- \"$cur\") )" : "";
            if (!action.isEmpty()) {
                valueCases.append("            ").append(String.join("|", option.names())).append(") ").append(action)
                        .append(" ;;\n");
            }
        }
        StringBuilder options = new StringBuilder();
        for (CliModel command : commands) {
            options.append("        ").append(command.name()).append(") words='")
                    .append(String.join(" ", command.optionNames())).append("' ;;\n");
        }
        return """
                # bash completion for runlock; generated from runlock's option model by the dist build.
                _runlock() {
                    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
                    # bash splits --ro=/etc into --ro, = and /etc.
                    [[ $prev == = ]] && prev=${COMP_WORDS[COMP_CWORD-2]}
                    _runlock_from 1 runlock
                }

                # Completes the current word for runlock or its subcommand $2, whose arguments start at word $1.
                _runlock_from() {
                    local i=$1 command=$2 ended=
                    # The command to run (or the operand) starts at the first word that is not an option.
                    while (( i < COMP_CWORD )); do
                        if [[ ${COMP_WORDS[i+1]} == = ]]; then
                            (( i += 3 ))
                            continue
                        fi
                        case ${COMP_WORDS[i]} in
                            --) (( i++ )); ended=1; break ;;
                            %1$s) (( i += 2 )) ;;
                            -*) (( i++ )) ;;
                            *) break ;;
                        esac
                    done
                    if (( i > COMP_CWORD )); then
                        # The current word is the value of the option before it.
                        case $prev in
                %2$s        esac
                        return
                    fi
                    if (( i < COMP_CWORD )); then
                        if [[ $command == runlock && -z $ended ]]; then
                            case ${COMP_WORDS[i]} in
                                %3$s) _runlock_from $(( i + 1 )) "${COMP_WORDS[i]}"; return ;;
                            esac
                        fi
                        case $command in
                            %4$s)
                                if declare -F _command_offset >/dev/null; then
                                    _command_offset "$i"
                                else
                                    COMPREPLY=( $(compgen -f -- "$cur") )
                                fi ;;
                        esac
                        return
                    fi
                    local words=
                    case $command in
                %5$s    esac
                    if [[ $cur == -* && -z $ended ]]; then
                        COMPREPLY=( $(compgen -W "$words" -- "$cur") )
                        return
                    fi
                    case $command in
                        %4$s)
                            if [[ $cur == */* ]]; then
                                compopt -o filenames 2>/dev/null
                                COMPREPLY=( $(compgen -f -- "$cur") )
                            elif [[ $command == runlock && -z $ended ]]; then
                                COMPREPLY=( $(compgen -W '%7$s' -- "$cur") $(compgen -c -- "$cur") )
                            else
                                COMPREPLY=( $(compgen -c -- "$cur") )
                            fi ;;
                        %6$s)
                            compopt -o filenames 2>/dev/null
                            COMPREPLY=( $(compgen -f -- "$cur") ) ;;
                    esac
                }

                # Completes the last element of the current word, a list separated by $1 (or a single value),
                # from the words $2, else from file names.
                _runlock_values() {
                    local head=
                    [[ -n $1 ]] && head=${cur%%"${cur##*"$1"}"}
                    if [[ -n $2 ]]; then
                        COMPREPLY=( $(compgen -W "$2" -- "${cur#"$head"}") )
                    else
                        compopt -o filenames 2>/dev/null
                        COMPREPLY=( $(compgen -f -- "${cur#"$head"}") )
                    fi
                    COMPREPLY=( "${COMPREPLY[@]/#/$head}" )
                }
                complete -F _runlock runlock
                """.formatted(
                names(values),
                valueCases,
                pattern(runlock.subcommands().stream().map(CliModel::name).toList()),
                pattern(commands.stream().filter(CliModel::runsCommand).map(CliModel::name).toList()),
                options,
                pattern(commands.stream().filter(CliModel::takesFile).map(CliModel::name).toList()),
                runlock.subcommands().stream().map(CliModel::name).collect(Collectors.joining(" ")));
    }

    /** A case pattern: {@code --ro|--rox}. */
    private static String names(List<Flag> options) {
        return pattern(options.stream().flatMap(o -> o.names().stream()).toList());
    }

    private static String pattern(List<String> words) {
        // An empty pattern would match an empty word; this one matches nothing a user types.
        return words.isEmpty() ? "--runlock-none" : String.join("|", words);
    }
}
