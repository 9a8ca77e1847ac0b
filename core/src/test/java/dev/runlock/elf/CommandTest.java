package dev.runlock.elf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding commands on PATH, following links and {@code #!} interpreters, on this host's programs. */
class CommandTest {

    @TempDir
    Path dir;

    private Path sh;
    private Path bash;

    @BeforeEach
    void needsShells() {
        sh = Path.of("/bin/sh");
        bash = Path.of("/usr/bin/bash");
        assumeTrue(Files.isExecutable(sh) && Files.isExecutable(bash), "needs /bin/sh and /usr/bin/bash");
    }

    private ExecutableResolver resolver(String path) {
        return new ExecutableResolver(new LoaderEnvironment(path, null));
    }

    private Path script(String name, String text) throws IOException {
        return file(name, text, "rwxr-xr-x");
    }

    private Path file(String name, String text, String mode) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    private static List<Path> withRole(ExecClosure closure, FileRole role) {
        return closure.files().stream().filter(f -> f.role() == role).map(ResolvedFile::path).toList();
    }

    private static int exitStatus(Path program) throws IOException, InterruptedException {
        return Tools.tryRun(List.of(program.toString())).status();
    }

    @Test
    void shellScriptImportsItsInterpreterAndItsLibraries() throws Exception {
        Path script = script("hello", "#!/bin/sh\nexit 0\n");

        ExecClosure closure = resolver("/usr/bin").resolve(script.toString());

        assertThat(withRole(closure, FileRole.COMMAND)).containsExactly(script);
        assertThat(withRole(closure, FileRole.SCRIPT_INTERPRETER)).startsWith(sh).contains(sh.toRealPath());
        assertThat(Ldd.loadedFiles(closure)).containsAll(Ldd.mappedFiles(sh.toRealPath()));
        assertThat(withRole(closure, FileRole.ELF_INTERPRETER)).isNotEmpty();
    }

    @Test
    void envScriptImportsEnvAndTheProgramFoundOnPath() throws Exception {
        Path env = Path.of("/usr/bin/env");
        assumeTrue(Files.isExecutable(env), "needs /usr/bin/env");
        Path script = script("hello", "#!/usr/bin/env bash\nexit 0\n");

        ExecClosure closure = resolver("/nowhere:/usr/bin").resolve(script.toString());

        assertThat(withRole(closure, FileRole.SCRIPT_INTERPRETER)).contains(env, bash);
        assertThat(Ldd.loadedFiles(closure)).containsAll(Ldd.mappedFiles(bash));
    }

    @Test
    void envOptionsAndAssignmentsAreSkipped() throws Exception {
        Path script = script("hello", "#!/usr/bin/env -S LANG=C bash -e\n");

        ExecClosure closure = resolver("/usr/bin").resolve(script.toString());

        assertThat(withRole(closure, FileRole.SCRIPT_INTERPRETER)).contains(bash);
    }

    @Test
    void longFirstLinesAreCutLikeTheKernelDoes() throws Exception {
        Path script = script("long-line", "#!/bin/sh" + " ".repeat(300) + "\nexit 0\n");

        ExecClosure closure = resolver("/usr/bin").resolve(script.toString());

        assertThat(exitStatus(script)).isZero();
        assertThat(withRole(closure, FileRole.SCRIPT_INTERPRETER)).startsWith(sh);
    }

    @Test
    void nestedInterpretersAreImportedToTheBottom() throws Exception {
        Path inner = script("inner", "#!/bin/sh\nexit 0\n");
        Path outer = script("outer", "#!" + inner + "\n");

        ExecClosure closure = resolver("/usr/bin").resolve(outer.toString());

        assertThat(exitStatus(outer)).as("the kernel runs the chain").isZero();
        assertThat(withRole(closure, FileRole.COMMAND)).containsExactly(outer);
        assertThat(withRole(closure, FileRole.SCRIPT_INTERPRETER)).startsWith(inner, sh);
    }

    @Test
    void loopingInterpretersFailAfterTheNestingLimit() throws Exception {
        Path loop = dir.resolve("loop");
        script("loop", "#!" + loop + "\n");

        assertOneLineError(() -> resolver("/usr/bin").resolve(loop.toString()), loop.toString())
                .hasMessageEndingWith("#! interpreters nested more than " + ExecutableResolver.MAX_SCRIPT_DEPTH
                        + " deep");
    }

    @Test
    void symlinkedCommandImportsTheLinkAndItsTarget() throws Exception {
        Path target = script("real/tool", "#!/bin/sh\n");
        Path hop = Files.createSymbolicLink(dir.resolve("hop"), Path.of("real/tool"));
        Path link = Files.createSymbolicLink(Files.createDirectories(dir.resolve("bin")).resolve("tool"), hop);

        ExecClosure closure = resolver(dir.resolve("bin").toString()).resolve("tool");

        assertThat(closure.command()).isEqualTo(link);
        assertThat(withRole(closure, FileRole.COMMAND)).containsExactly(link, hop, target.toRealPath());
    }

    @Test
    void pathLookupTakesTheFirstExecutableFile() throws Exception {
        file("a/tool", "#!/bin/sh\n", "rw-r--r--");
        Files.createDirectories(dir.resolve("b/tool"));
        Path wanted = script("c/tool", "#!/bin/sh\n");
        script("d/tool", "#!/bin/sh\n");
        String path = String.join(":", dir.resolve("a").toString(), dir.resolve("b").toString(),
                dir.resolve("c").toString(), dir.resolve("d").toString());

        assertThat(resolver(path).resolve("tool").command()).isEqualTo(wanted);
    }

    @Test
    void relativePathsAreFromTheWorkingDirectory() throws Exception {
        Path script = script("rel", "#!/bin/sh\n");
        String relative = Path.of("").toAbsolutePath().relativize(script).toString();
        assumeTrue(relative.contains("/"), "the temp dir is the working directory");

        assertThat(resolver("/nowhere").resolve(relative).command().normalize()).isEqualTo(script);
    }

    @Test
    void errorsAreOneLineNamingTheFile() throws Exception {
        Path text = file("text", "just text\n", "rwxr-xr-x");
        Path empty = file("empty", "", "rwxr-xr-x");
        Path plain = file("plain", "#!/bin/sh\n", "rw-r--r--");
        Path noInterpreter = script("noint", "#!/nowhere/sh\n");
        Path blank = script("blank", "#!   \n");
        Path longName = script("long", "#!/" + "x".repeat(300) + "\n");
        Path envMissing = script("envmissing", "#!/usr/bin/env no-such-program-here\n");
        file("onpath/tool", "#!/bin/sh\n", "rw-r--r--");
        ExecutableResolver resolver = resolver(dir.resolve("onpath").toString());

        record BadCommand(String command, String culprit, String problem) {}
        List<BadCommand> cases = List.of(
                new BadCommand(text.toString(), text.toString(), "not an ELF file and has no #! line"),
                new BadCommand(empty.toString(), empty.toString(), "empty file, not a program"),
                new BadCommand(plain.toString(), plain.toString(), "not executable"),
                new BadCommand(dir.toString(), dir.toString(), "is a directory"),
                new BadCommand(dir + "/absent", dir + "/absent", "no such file"),
                new BadCommand(noInterpreter.toString(), noInterpreter.toString(), "/nowhere/sh: no such file"),
                new BadCommand(blank.toString(), blank.toString(), "#! line names no interpreter"),
                new BadCommand(longName.toString(), longName.toString(), "#! interpreter name longer than 256 bytes"),
                new BadCommand(envMissing.toString(), envMissing.toString(),
                        "no-such-program-here: command not found on PATH (" + dir.resolve("onpath") + ")"),
                new BadCommand("no-such-command", "no-such-command", "command not found on PATH"
                        + " (" + dir.resolve("onpath") + ")"),
                new BadCommand("tool", dir.resolve("onpath/tool").toString(),
                        "not executable (found on PATH for 'tool')"),
                new BadCommand("", "''", "empty command name"));
        for (BadCommand c : cases) {
            assertOneLineError(() -> resolver.resolve(c.command), c.culprit).hasMessageEndingWith(c.problem);
        }
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertOneLineError(
            ThrowingCallable call, String file) {
        return assertThatThrownBy(call).isInstanceOf(ResolveException.class)
                .hasMessageStartingWith(file + ": ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
