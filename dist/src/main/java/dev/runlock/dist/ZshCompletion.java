package dev.runlock.dist;

import dev.runlock.dist.CliModel.Flag;

/**
 * zsh completion ({@code _arguments}): runlock's options with their help, values after options
 * (paths, presets, levels, ABIs), subcommands and command names first, then the command's own
 * completion; learn and diagnose the same way.
 */
final class ZshCompletion {
    private ZshCompletion() {
    }

    static String script(CliModel runlock) {
        StringBuilder subcommands = new StringBuilder();
        StringBuilder subcommandOptions = new StringBuilder();
        for (CliModel sub : runlock.subcommands()) {
            subcommands.append("    ").append(quote(sub.name() + ":" + String.join(" ", sub.description())))
                    .append('\n');
            subcommandOptions.append("        ").append(sub.name()).append(") _arguments -s -S \\\n")
                    .append(specs(sub, "            "));
            if (sub.runsCommand()) {
                subcommandOptions.append("            '(-)*:: :_normal' \\\n");
            } else if (sub.takesFile()) {
                subcommandOptions.append("            ':FILE:_files' \\\n");
            }
            subcommandOptions.append("            ;;\n");
        }
        return """
                #compdef runlock
                # zsh completion for runlock; generated from runlock's option model by the dist build.

                _runlock_first_word() {
                  local -a subcommands=(
                %s  )
                  _describe -t subcommands 'runlock subcommand' subcommands
                  _command_names -e
                }

                _runlock() {
                  local curcontext=$curcontext state state_descr line
                  typeset -A opt_args
                  _arguments -s -S \\
                %s    '(-)1: :_runlock_first_word' \\
                    '(-)*:: :->command'
                  [[ $state == command ]] || return
                  case $words[1] in
                %s    *) _normal ;;
                  esac
                }

                _runlock "$@"
                """.formatted(subcommands, specs(runlock, "    "), subcommandOptions);
    }

    /** One {@code _arguments} spec per option spelling, as continued lines. */
    private static String specs(CliModel command, String indent) {
        StringBuilder out = new StringBuilder();
        for (Flag option : command.options()) {
            String exclusive = option.repeatable() ? "*" : "(" + String.join(" ", option.names()) + ")";
            String value = "";
            if (option.takesValue()) {
                String values = String.join(" ", option.values());
                String action = !option.values().isEmpty() ? (option.repeatable() ? "_sequence compadd - " + values : "(" + values + ")")
                        : option.takesPath() ? "_files" : option.takesVariable() ? "_parameters" : " ";
                value = ":" + option.label().replace(":", "\\:") + ":" + action;
            }
            for (String name : option.names()) {
                String separator = option.takesValue() && name.startsWith("--") ? "=" : "";
                out.append(indent).append(quote(exclusive + name + separator
                        + "[" + escape(option.description()) + "]" + value)).append(" \\\n");
            }
        }
        return out.toString();
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]").replace(":", "\\:");
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
