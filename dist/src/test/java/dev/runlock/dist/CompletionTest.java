package dev.runlock.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runlock.cli.preset.Presets;
import dev.runlock.testkit.MachineCapability;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated completions complete values, not only option names, driven as the shells drive
 * them: bash through {@code COMP_WORDS}, fish through {@code complete -C}. Run in a directory
 * holding {@code project/} and {@code policy.toml}, so file completion has something to find.
 */
class CompletionTest {
    @TempDir
    static Path share;
    @TempDir
    static Path cwd;

    @BeforeAll
    static void generate() throws IOException {
        Docs.main(new String[] {share.toString(), "0-test"});
        Files.createDirectory(cwd.resolve("project"));
        Files.writeString(cwd.resolve("policy.toml"), "");
    }

    @Test
    void bashCompletesPresetsFromThePresetsData() {
        assertThat(bash("runlock", "--preset", "d")).containsExactlyElementsOf(presets("d"));
        assertThat(presets("d")).as("the issue's example").contains("dev", "dns");
        // A list: the last element is completed, the ones before are kept.
        assertThat(bash("runlock", "--preset", "dev,t"))
                .containsExactlyElementsOf(presets("t").stream().map(p -> "dev," + p).toList()).isNotEmpty();
        assertThat(bash("runlock", "--preset", "=", "d")).containsExactlyElementsOf(presets("d"));
    }

    @Test
    void bashCompletesLevelsAndAbis() {
        assertThat(bash("runlock", "--log-level", "")).containsExactlyInAnyOrder("error", "warn", "info", "debug");
        assertThat(bash("runlock", "--compat", "")).containsExactlyInAnyOrder("best", "soft", "hard");
        assertThat(bash("runlock", "--compat", "s")).containsExactly("soft");
        assertThat(bash("runlock", "--abi", "1")).containsExactly("1", "10", "11");
        // Control: a port takes any number, so nothing is offered, not even file names.
        assertThat(bash("runlock", "--bind-tcp", "")).isEmpty();
    }

    @Test
    void bashCompletesPathsAfterPathOptions() {
        for (String option : List.of("--ro", "--rox", "--rw", "--rwx", "--unix")) {
            assertThat(bash("runlock", option, "pro")).as(option).containsExactly("project");
            assertThat(bash("runlock", option, "policy.toml,pro")).as(option).containsExactly("policy.toml,project");
        }
        assertThat(bash("runlock", "--env", "PA")).contains("PATH");
    }

    @Test
    void bashCompletesCommandsWhereTheCommandGoesAndSubcommandsOnlyBeforeDashDash() {
        assertThat(bash("runlock", "tr")).contains("trust", "true");
        assertThat(bash("runlock", "--ro", "/etc", "tr")).contains("trust", "true");
        assertThat(bash("runlock", "--", "tr")).contains("true").doesNotContain("trust");
        assertThat(bash("runlock", "--rw", ".", "--", "tr")).contains("true").doesNotContain("trust");
        assertThat(bash("runlock", "--", "--r")).as("after --, not an option").doesNotContain("--ro");
    }

    @Test
    void bashCompletesLearnAndDiagnoseLikeRunlock() {
        for (String sub : List.of("learn", "diagnose")) {
            assertThat(bash("runlock", sub, "--pr")).as(sub).containsExactly("--preset");
            assertThat(bash("runlock", sub, "--preset", "d")).as(sub).containsExactlyElementsOf(presets("d"));
            assertThat(bash("runlock", sub, "--rw", "pro")).as(sub).containsExactly("project");
            assertThat(bash("runlock", sub, "--rw", ".", "--", "tr")).as(sub).contains("true").doesNotContain("trust");
            assertThat(bash("runlock", sub, "tr")).as(sub).contains("true").doesNotContain("trust");
        }
        assertThat(bash("runlock", "learn", "--w")).containsExactly("--write", "--write-on-failure");
        assertThat(bash("runlock", "diagnose", "--w")).as("--write is learn's").isEmpty();
        assertThat(bash("runlock", "learn", "--write", "pol")).containsExactly("policy.toml");
        assertThat(bash("runlock", "learn", "--write", "policy.toml", "--log-level", "d")).containsExactly("debug");
        assertThat(bash("runlock", "trust", "pol")).containsExactly("policy.toml");
        assertThat(bash("runlock", "status", "--j")).containsExactly("--json");
    }

    @Test
    void bashHandsTheCommandsArgumentsToItsOwnCompletionWithBashCompletion() {
        MachineCapability.BASH_COMPLETION.assume("completion of the command's own arguments is not tested");
        Path loader = Path.of("/usr/share/bash-completion/bash_completion");
        // ls has no completion of its own beyond bash-completion's _longopt, which reads ls --help.
        List<String> ls = bashAfter(". " + loader + "; ", "runlock", "--ro", "/etc", "--", "ls", "--al");
        assertThat(ls).contains("--all");
        assertThat(bashAfter(". " + loader + "; ", "runlock", "learn", "ls", "--al")).contains("--all");
    }

    @Test
    void fishCompletesValuesSubcommandOptionsAndCommands() {
        assertThat(fish("runlock --preset d")).containsExactlyElementsOf(presets("d"));
        assertThat(fish("runlock --preset dev,t")).containsExactlyElementsOf(presets("t").stream().map(p -> "dev," + p).toList());
        assertThat(fish("runlock --log-level ")).containsExactlyInAnyOrder("error", "warn", "info", "debug");
        assertThat(fish("runlock --compat ")).containsExactlyInAnyOrder("best", "soft", "hard");
        assertThat(fish("runlock --abi 1")).containsExactlyInAnyOrder("1", "10", "11");
        assertThat(fish("runlock --rox pro")).containsExactly("project/");
        assertThat(fish("runlock learn --write pol")).containsExactly("policy.toml");
        assertThat(fish("runlock learn --pr")).containsExactly("--preset");
        assertThat(fish("runlock diagnose --preset d")).containsExactlyElementsOf(presets("d"));
        assertThat(fish("runlock -- tr")).contains("true").doesNotContain("trust");
        assertThat(fish("runlock learn --rw . -- tr")).contains("true").doesNotContain("trust");
        assertThat(fish("runlock tr")).contains("true", "trust");
    }

    @Test
    void fishHandsTheCommandsArgumentsToItsOwnCompletionWhereverTheCommandStarts() {
        // git's completion (fish's own) offers its subcommands; program names would mean the command was lost.
        for (String line : List.of("runlock git chec", "runlock -- git chec", "runlock --rw . -- git chec",
                "runlock --rw=. git chec", "runlock --rw=. -- git chec", "runlock --ro /etc --env=A=b git chec",
                "runlock learn -- git chec", "runlock learn --rw . -- git chec", "runlock diagnose --rw=. git chec")) {
            assertThat(fishWithItsCompletions(line)).as(line).contains("checkout").doesNotContain("chgrp", "chmod");
        }
    }

    @Test
    void fishTakesACommandWordWithSpacesAndParenthesesAsOneWord() {
        // fishAfter fails on any error: split at its space, the word made math fail and completion recurse.
        assertThat(fish("runlock \\'(c d)\\' --ro")).isEmpty();
        assertThat(fish("runlock -- \\'(c d)\\' --ro")).isEmpty();
    }

    @Test
    void zshLoadsTheCompletionAndOffersTheValues() throws IOException {
        MachineCapability.ZSH.assume("the zsh completion is not checked");
        String script = Files.readString(share.resolve("zsh/vendor-completions/_runlock"));
        Run parse = Run.of(cwd, Map.of("PATH", "/usr/bin:/bin"), List.of("zsh", "-n", share.resolve("zsh/vendor-completions/_runlock").toString()));
        assertThat(parse.exit()).as("zsh -n: %s", parse).isZero();
        assertThat(script).contains("--preset=[", ":NAME:_sequence compadd - " + String.join(" ", Presets.builtIn().names()),
                ":LEVEL:(error warn info debug)", ":LEVEL:(best soft hard)", ":FILE:_files");
    }

    private static List<String> presets(String prefix) {
        return Presets.builtIn().names().stream().filter(n -> n.startsWith(prefix)).sorted().toList();
    }

    private static List<String> bash(String... words) {
        return bashAfter("", words);
    }

    /** What bash's completion offers for the last of {@code words}, after running {@code setup}. */
    private static List<String> bashAfter(String setup, String... words) {
        Path script = share.resolve("bash-completion/completions/runlock");
        Run run = Run.bash(cwd, setup + ". " + script + "; COMP_WORDS=(" + Arrays.stream(words).map(w -> "'" + w + "'")
                .collect(Collectors.joining(" ")) + "); COMP_CWORD=" + (words.length - 1)
                + "; COMP_LINE=\"${COMP_WORDS[*]}\"; COMP_POINT=${#COMP_LINE}; _runlock; printf '%s\\n' \"${COMPREPLY[@]}\"");
        assertThat(run.err()).as("bash completion's errors").isEmpty();
        return run.out().lines().filter(l -> !l.isEmpty()).sorted().distinct().toList();
    }

    /** The candidates fish offers for {@code line}, without their descriptions. */
    private static List<String> fish(String line) {
        return fishAfter("", line);
    }

    /** The same with the completions fish ships (git's) loadable, as in a user's shell. */
    private static List<String> fishWithItsCompletions(String line) {
        return fishAfter("set fish_complete_path $__fish_data_dir/completions; ", line);
    }

    private static List<String> fishAfter(String setup, String line) {
        MachineCapability.FISH.assume("the fish completion is not tested");
        Path script = share.resolve("fish/vendor_completions.d/runlock.fish");
        Run run = Run.of(cwd, Map.of("PATH", "/usr/bin:/bin", "HOME", cwd.toString()),
                List.of("fish", "--no-config", "-c", setup + "source " + script + "; complete -C '" + line + "'"));
        assertThat(run.err()).as("fish completion's errors").isEmpty();
        return run.out().lines().map(l -> l.split("\t")[0]).filter(l -> !l.isEmpty()).sorted().distinct().toList();
    }
}
