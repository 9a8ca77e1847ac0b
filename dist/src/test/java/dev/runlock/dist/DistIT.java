package dev.runlock.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runlock.testkit.MachineCapability;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built tarball and .deb as a user gets them: unpacked elsewhere and reached through a
 * symlink, runlock runs on its own runtime and AOT cache with no Java around; the man page and
 * the bash, zsh and fish completions name exactly the options and subcommands of {@code --help}.
 */
class DistIT {
    private static final Path TARGET = Path.of(System.getProperty("dist.target", "target"));
    private static final String NAME = "runlock-" + System.getProperty("dist.version", "0.1.0-SNAPSHOT");
    /** An option's names in help's left column: {@code -d, --disable-auto-import}, {@code --[no-]x=V}. */
    private static final Pattern HELP_OPTION =
            Pattern.compile("^ +(?:(-\\w), )?--(\\[no-])?([\\w-]+)(?:=\\S+)?(?: {2,}.*)?$");
    private static final Pattern HELP_COMMAND = Pattern.compile("^ +(\\w[\\w-]*)(?: {2,}.*)?$");

    @TempDir
    static Path unpacked;
    @TempDir
    static Path elsewhere;
    private static Path tree;
    private static Path link;

    @BeforeAll
    static void unpackAndLink() throws IOException {
        Run tar = Run.bash(unpacked, "tar -xzf " + TARGET.toAbsolutePath().resolve(NAME + "-linux-x86_64.tar.gz"));
        assertThat(tar.exit()).as("tar -xzf: %s", tar).isZero();
        tree = unpacked.resolve(NAME);
        link = Files.createSymbolicLink(elsewhere.resolve("runlock"), tree.resolve("bin/runlock"));
    }

    /** No JAVA_HOME, no java on PATH: only what the tarball brings. */
    private static Run runlock(String... args) {
        List<String> command = new ArrayList<>(List.of(link.toString()));
        command.addAll(List.of(args));
        return Run.of(elsewhere, Map.of("PATH", "/usr/bin:/bin", "JAVA_HOME", "/nonexistent"), command);
    }

    @Test
    void runsOnItsOwnRuntimeWhereverUnpackedThroughASymlink() {
        Run version = runlock("--version");
        assertThat(version.exit()).as("runlock --version: %s", version).isZero();
        assertThat(version.out()).contains("java:    " + Runtime.version(), "in " + tree.resolve("lib/runtime"))
                .containsPattern("kernel:  \\S+, Landlock (ABI \\d+|absent|disabled|blocked)\n");

        // /etc/os-release is a symlink into /usr/lib on Debian.
        Run granted = runlock("--ro", "/etc,/usr", "--", "cat", "/etc/os-release");
        assertThat(granted.exit()).as("runlock --ro /etc,/usr -- cat /etc/os-release: %s", granted).isZero();
        assertThat(granted.out()).contains("ID=");
        Run denied = runlock("--ro", "/etc", "--", "cat", tree.resolve("share/doc/runlock/copyright").toString());
        assertThat(denied.exit()).as("a file outside --ro: %s", denied).isEqualTo(1);
        assertThat(denied.err()).contains("Permission denied");
    }

    @Test
    void theAotCacheIsUsableWhereTheTreeWasUnpacked() {
        List<String> command = new ArrayList<>(List.of(tree.resolve("lib/runtime/bin/java").toString()));
        command.addAll(Arrays.asList(System.getProperty("runlock.jvm.flags", "").split(" +")));
        command.addAll(List.of("-XX:AOTMode=on", "-XX:AOTCache=" + tree.resolve("lib/runlock.aot"),
                "-jar", tree.resolve("lib/runlock.jar").toString(), "-V"));
        Run run = Run.of(elsewhere, Map.of("PATH", "/usr/bin:/bin"), command);
        assertThat(run.exit()).as("-XX:AOTMode=on (fails when the cache cannot be used): %s", run).isZero();
    }

    @Test
    void theLauncherIsTheRepositorysWithOnlyItsLayoutSwitched() throws IOException {
        List<String> repository = Files.readAllLines(Path.of(System.getProperty("dist.launcher", "../runlock")));
        List<String> distribution = Files.readAllLines(tree.resolve("bin/runlock"));
        assertThat(distribution).hasSameSizeAs(repository);
        for (int i = 0; i < repository.size(); i++) {
            if (!repository.get(i).equals(distribution.get(i))) {
                assertThat(repository.get(i) + " -> " + distribution.get(i))
                        .isEqualTo("layout=repository -> layout=distribution");
            }
        }
        for (String flag : System.getProperty("runlock.jvm.flags", "").split(" +")) {
            assertThat(String.join("\n", repository)).as("the launcher passes the AOT training's flag").contains(flag);
        }
    }

    @Test
    void theManPageRendersCleanlyWithEveryOptionAndSection() {
        MachineCapability.MAN.assume("the man page is not rendered and checked against --help (man-db, bsdextrautils)");
        Path page = tree.resolve("share/man/man1/runlock.1");
        Run man = Run.bash(elsewhere, "MANWIDTH=200 man --warnings -l " + page + " | col -bx");
        assertThat(man.exit()).as("man -l: %s", man).isZero();
        assertThat(man.err()).as("man --warnings").isEmpty();
        List<String> lines = man.out().lines().toList();
        assertThat(lines).contains("SYNOPSIS", "OPTIONS", "COMMANDS", "PRESETS", "SANDBOX.TOML", "EXIT STATUS",
                "ENVIRONMENT", "KERNELS", "EXAMPLES");
        assertThat(section(lines, "SYNOPSIS")).as("help's synopsis").contains("       runlock trust [--list] [FILE]",
                "       runlock learn [OPTIONS] [--write FILE] -- COMMAND [ARGS]...");
        List<String> runlockOptions = helpOptions();
        assertThat(optionsIn(section(lines, "OPTIONS"), 7)).as("man page OPTIONS vs --help")
                .containsExactlyElementsOf(runlockOptions);
        List<String> commands = section(lines, "COMMANDS");
        assertThat(optionsIn(commands, 14)).as("each option once: no subcommand repeats runlock's")
                .doesNotContainAnyElementsOf(runlockOptions).contains("--write", "--json", "--list");
        for (String sub : helpCommands()) {
            assertThat(commands).as("man page COMMANDS").contains("       runlock " + sub);
            int start = commands.indexOf("       runlock " + sub);
            int end = start + 1;
            while (end < commands.size() && !commands.get(end).startsWith("       runlock ")) {
                end++;
            }
            assertThat(optionsIn(commands.subList(start, end), 14)).as("man page options of %s vs its --help", sub)
                    .containsExactlyElementsOf(helpOptions(sub, "--help").stream().filter(o -> !runlockOptions.contains(o))
                            .toList());
        }
        List<String> presets = runlock("presets").out().lines().filter(l -> !l.startsWith(" ")).toList();
        List<String> items = section(lines, "PRESETS");
        int at = 0;
        for (String preset : presets) {
            int found = at;
            while (found < items.size() && !items.get(found).matches(" {7}" + Pattern.quote(preset) + "(?: .*)?")) {
                found++;
            }
            assertThat(found).as("PRESETS item %s, after the one before, in:%n%s", preset, items).isLessThan(items.size());
            at = found + 1;
        }
    }

    /**
     * Every EXAMPLES line of the man page works as written, in a git repository with a Makefile: exit 0,
     * or, for {@code --abi N --strict}, exit 1 on a kernel below ABI N. Lines that name a placeholder
     * program ({@code my-server}) are not runnable anywhere; a line whose program is not installed is skipped.
     */
    @Test
    void everyExampleOfTheManPageWorksAsWritten(@TempDir Path work) throws IOException {
        MachineCapability.MAN.assume("the man page's examples are not read from it and run");
        Run man = Run.bash(elsewhere, "MANWIDTH=200 man -l " + tree.resolve("share/man/man1/runlock.1") + " | col -bx");
        List<String> examples = section(man.out().lines().toList(), "EXAMPLES").stream().map(String::strip)
                .filter(l -> l.startsWith("runlock ")).toList();
        assertThat(examples).hasSizeGreaterThanOrEqualTo(5);
        assertThat(Run.bash(work, "git init -q && git -c user.name=t -c user.email=t@localhost commit -q --allow-empty -m init && printf 'all:\\n\\ttrue\\n' > Makefile")
                .exit()).isZero();
        Map<String, String> env = Map.of("PATH", elsewhere + ":/usr/bin:/bin", "HOME", work.toString(), "LANG", "C.UTF-8",
                "GIT_AUTHOR_NAME", "t", "GIT_AUTHOR_EMAIL", "t@localhost", "GIT_COMMITTER_NAME", "t",
                "GIT_COMMITTER_EMAIL", "t@localhost");
        int abi = Integer.parseInt(runlock("status", "--json").out().replaceAll("(?s).*\"abi\": (\\d+).*", "$1"));
        int ran = 0;
        for (String example : examples) {
            List<String> words = List.of(example.split(" "));
            String program = words.contains("--") ? words.get(words.indexOf("--") + 1) : words.getLast();
            if (program.contains("my-") || Run.bash(work, "command -v " + program).exit() != 0) {
                continue;
            }
            Run run = Run.of(work, env, List.of("bash", "-c", example));
            int pin = words.contains("--abi") && words.contains("--strict") ? Integer.parseInt(words.get(words.indexOf("--abi") + 1)) : 0;
            assertThat(run.exit()).as("%s: %s", example, run).isEqualTo(abi >= pin ? 0 : 1);
            ran++;
        }
        assertThat(ran).as("examples run").isGreaterThanOrEqualTo(4);
    }

    @Test
    void bashCompletesExactlyTheOptionsAndSubcommandsOfHelp() {
        assertThat(bashCompletes("runlock", "-")).containsExactlyInAnyOrderElementsOf(helpOptions());
        assertThat(bashCompletes("runlock", "--ro", "/etc", "-")).containsExactlyInAnyOrderElementsOf(helpOptions());
        assertThat(bashCompletes("runlock", "")).containsAll(helpCommands());
        for (String sub : helpCommands()) {
            assertThat(bashCompletes("runlock", sub, "-")).as(sub)
                    .containsExactlyInAnyOrderElementsOf(helpOptions(sub, "--help"));
        }
        assertThat(bashCompletes("runlock", "--rw", "/et")).containsExactly("/etc");
        assertThat(bashCompletes("runlock", "--ro", "/usr,/et")).containsExactly("/usr,/etc");
        // What bash makes of --ro=/et and --unrestricted-network=false -
        assertThat(bashCompletes("runlock", "--ro", "=", "/et")).containsExactly("/etc");
        assertThat(bashCompletes("runlock", "--unrestricted-network", "=", "false", "-"))
                .containsExactlyInAnyOrderElementsOf(helpOptions());
    }

    @Test
    void zshAndFishCompleteExactlyTheOptionsAndSubcommandsOfHelp() throws IOException {
        String zsh = Files.readString(tree.resolve("share/zsh/vendor-completions/_runlock"));
        assertThat(zsh).startsWith("#compdef runlock\n");
        String top = zsh.substring(zsh.indexOf("_runlock() {"), zsh.indexOf("'(-)1:"));
        assertThat(matches(top, "'(?:\\*|\\([^)]*\\))(-[\\w-]+)=?\\[")).containsExactlyInAnyOrderElementsOf(helpOptions());
        String fish = Files.readString(tree.resolve("share/fish/vendor_completions.d/runlock.fish"));
        assertThat(fishOptions(fish, "'not __runlock_command'")).containsExactlyInAnyOrderElementsOf(helpOptions());
        for (String sub : helpCommands()) {
            assertThat(zsh).contains("'" + sub + ":");
            String own = zsh.substring(zsh.indexOf(sub + ") _arguments"));
            own = own.substring(0, own.indexOf(";;"));
            assertThat(matches(own, "'(?:\\*|\\([^)]*\\))(-[\\w-]+)=?\\[")).as("zsh %s", sub)
                    .containsExactlyInAnyOrderElementsOf(helpOptions(sub, "--help"));
            assertThat(fish).contains("-n 'not __runlock_command' -a '" + sub + "'");
            assertThat(fishOptions(fish, "'__runlock_command_is " + sub + "'")).as("fish %s", sub)
                    .containsExactlyInAnyOrderElementsOf(helpOptions(sub, "--help"));
        }
    }

    @Test
    void theLicencesNameEveryLibraryInTheJar() throws IOException {
        String copyright = Files.readString(tree.resolve("share/doc/runlock/copyright"));
        assertThat(tree.resolve("share/doc/runlock/licenses/Apache-2.0")).isRegularFile();
        assertThat(tree.resolve("lib/runtime/legal/java.base/LICENSE")).isRegularFile();
        try (ZipFile jar = new ZipFile(tree.resolve("lib/runlock.jar").toFile())) {
            Set<String> libraries = new LinkedHashSet<>();
            jar.stream().map(e -> e.getName().split("/")).filter(p -> p.length == 5 && p[1].equals("maven")
                    && p[4].equals("pom.properties") && !p[2].equals("dev.runlock")).forEach(p -> libraries.add(p[2] + ":" + p[3]));
            if (jar.getEntry("picocli/CommandLine.class") != null) {
                libraries.add("info.picocli:picocli");
            }
            assertThat(libraries).isNotEmpty().allSatisfy(library -> assertThat(copyright).contains(library));
        }
    }

    @Test
    void theDebInstallsUnderUsrLibWithTheDocsInStandardPlaces() {
        Path deb = TARGET.toAbsolutePath().resolve("runlock_"
                + System.getProperty("dist.version", "0.1.0-SNAPSHOT").replace('-', '~') + "_amd64.deb");
        Run contents = Run.bash(elsewhere, "dpkg-deb -c " + deb);
        assertThat(contents.exit()).as("dpkg-deb -c: %s", contents).isZero();
        assertThat(contents.out()).contains(" ./usr/bin/runlock -> ../lib/runlock/bin/runlock\n",
                " ./usr/lib/runlock/bin/runlock\n", " ./usr/lib/runlock/lib/runlock.jar\n",
                " ./usr/lib/runlock/lib/runlock.aot\n", " ./usr/lib/runlock/lib/runtime/bin/java\n",
                " ./usr/share/man/man1/runlock.1.gz\n", " ./usr/share/bash-completion/completions/runlock\n",
                " ./usr/share/zsh/vendor-completions/_runlock\n",
                " ./usr/share/fish/vendor_completions.d/runlock.fish\n", " ./usr/share/doc/runlock/copyright\n");
        assertThat(contents.out().lines()).allSatisfy(line -> assertThat(line).contains(" root/root "));
        Run depends = Run.bash(elsewhere, "dpkg-deb -f " + deb + " Depends");
        assertThat(depends.out()).isEqualTo("libc6 (>= 2.17)\n");
    }

    private static List<String> bashCompletes(String... words) {
        Path script = tree.resolve("share/bash-completion/completions/runlock");
        Run run = Run.bash(elsewhere, ". " + script + "; COMP_WORDS=(" + String.join(" ", Arrays.stream(words)
                .map(w -> "'" + w + "'").toList()) + "); COMP_CWORD=" + (words.length - 1)
                + "; _runlock; printf '%s\\n' \"${COMPREPLY[@]}\"");
        assertThat(run.err()).as("bash completion's errors").isEmpty();
        return run.out().lines().filter(l -> !l.isEmpty()).toList();
    }

    private static List<String> helpOptions(String... args) {
        List<String> command = new ArrayList<>(List.of(args));
        if (command.isEmpty()) {
            command.add("--help");
        }
        Run help = runlock(command.toArray(String[]::new));
        assertThat(help.exit()).as("runlock %s: %s", command, help).isZero();
        List<String> names = new ArrayList<>();
        List<String> negated = new ArrayList<>();
        for (String line : help.out().lines().takeWhile(l -> !l.startsWith("Commands:")).toList()) {
            Matcher m = HELP_OPTION.matcher(line);
            if (m.matches()) {
                if (m.group(1) != null) {
                    names.add(m.group(1));
                }
                names.add("--" + m.group(3));
                if (m.group(2) != null) {
                    negated.add("--no-" + m.group(3));
                }
            }
        }
        // The man page lists --X and --no-X together; help writes --[no-]X.
        List<String> all = new ArrayList<>();
        for (String name : names) {
            all.add(name);
            if (negated.contains("--no-" + name.substring(2))) {
                all.add("--no-" + name.substring(2));
            }
        }
        return all;
    }

    private static List<String> helpCommands() {
        List<String> lines = runlock("--help").out().lines().toList();
        int start = lines.indexOf("Commands:");
        assertThat(start).as("--help lists commands").isPositive();
        return lines.subList(start + 1, lines.size()).stream().map(HELP_COMMAND::matcher).filter(Matcher::matches)
                .map(m -> m.group(1)).toList();
    }

    /** The lines of a man page section, without its heading. */
    private static List<String> section(List<String> lines, String heading) {
        int start = lines.indexOf(heading) + 1;
        int end = start;
        while (end < lines.size() && (lines.get(end).isEmpty() || lines.get(end).startsWith(" "))) {
            end++;
        }
        return lines.subList(start, end);
    }

    /** The option names of man's item headings at this indentation, e.g. {@code -d, --disable-auto-import}. */
    private static List<String> optionsIn(List<String> lines, int indent) {
        String prefix = " ".repeat(indent) + "-";
        List<String> names = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith(prefix)) {
                // The heading ends where the description starts on the same line (short options).
                String heading = line.strip().split(" {2,}")[0];
                names.addAll(matches(heading, "(?:^|, )(--?[\\w][\\w-]*)"));
            }
        }
        return names;
    }

    private static List<String> fishOptions(String fish, String condition) {
        List<String> names = new ArrayList<>();
        for (String line : fish.lines().filter(l -> l.startsWith("complete -c runlock -n " + condition + " -")).toList()) {
            String flags = line.substring(line.indexOf(condition)).replaceFirst(" -d '.*", "");
            Matcher m = Pattern.compile(" -([ls]) ([\\w-]+)").matcher(flags);
            while (m.find()) {
                names.add((m.group(1).equals("l") ? "--" : "-") + m.group(2));
            }
        }
        return names;
    }

    private static List<String> matches(String text, String regex) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
