package dev.runlock.elf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.runlock.testkit.MachineCapability;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Programs compiled here: {@code bin/prog} needs {@code lib/libb.so}, which needs
 * {@code lib/liba.so}, found through $ORIGIN run paths. ldd (glibc's loader) is the oracle.
 */
class GccFixtureTest {

    @TempDir
    Path dir;

    private Path gcc;
    private final ExecutableResolver resolver = new ExecutableResolver(new LoaderEnvironment("/usr/bin:/bin", null));

    @BeforeEach
    void needsGcc() throws IOException {
        MachineCapability.GCC.assume("the resolver is not checked against programs built here");
        gcc = Path.of("/usr/bin/gcc");
        assumeTrue(Ldd.tool().isPresent(), "ldd is not installed (it is the oracle)");
        Files.createDirectories(dir.resolve("bin"));
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("a.c"), "int a(void) { return 1; }\n");
        Files.writeString(dir.resolve("b.c"), "int a(void);\nint b(void) { return a() + 1; }\n");
        Files.writeString(dir.resolve("main.c"), "int b(void);\nint main(void) { return b() == 2 ? 0 : 1; }\n");
    }

    /** Links the fixture; {@code dtags} picks RPATH (--disable-new-dtags) or RUNPATH (--enable-new-dtags). */
    private Path build(String dtags, boolean libbHasRunpath) throws IOException, InterruptedException {
        gcc("-shared", "-fPIC", "-o", "lib/liba.so", "a.c");
        List<String> libb = new ArrayList<>(List.of("-shared", "-fPIC", "-o", "lib/libb.so", "b.c", "-Llib", "-la"));
        if (libbHasRunpath) {
            libb.addAll(List.of("-Wl," + dtags, "-Wl,-rpath,$ORIGIN"));
        }
        gcc(libb.toArray(String[]::new));
        gcc("-o", "bin/prog", "main.c", "-Llib", "-lb", "-Wl," + dtags, "-Wl,-rpath,$ORIGIN/../lib");
        return dir.resolve("bin/prog");
    }

    private void gcc(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(gcc.toString()));
        command.addAll(List.of(args));
        List<String> inDir = new ArrayList<>(List.of("sh", "-c", "cd \"$0\" && exec \"$@\"", dir.toString()));
        inDir.addAll(command);
        Tools.Result result = Tools.tryRun(inDir);
        assertThat(result.status()).as("gcc %s: %s", command, result.output()).isZero();
    }

    private static int runs(Path program) throws IOException, InterruptedException {
        return Tools.tryRun(List.of(program.toString())).status();
    }

    /** Resolves {@code program} and checks the closure holds what glibc's loader maps for it. */
    private ExecClosure resolveAsLdd(Path program) throws IOException, InterruptedException {
        ExecClosure closure = resolver.resolve(program.toString());
        assertThat(Ldd.loadedFiles(closure)).isEqualTo(Ldd.mappedFiles(program));
        return closure;
    }

    @Test
    void rpathIsInheritedByTheLibrariesItLoads() throws Exception {
        Path prog = build("--disable-new-dtags", false);

        ExecClosure closure = resolveAsLdd(prog);

        assertThat(runs(prog)).isZero();
        assertThat(Ldd.loadedFiles(closure))
                .contains(dir.resolve("lib/liba.so").toRealPath(), dir.resolve("lib/libb.so").toRealPath());
        assertThat(closure.warnings()).isEmpty();
    }

    @Test
    void runpathIsNotInherited() throws Exception {
        Path prog = build("--enable-new-dtags", false);

        ExecClosure closure = resolveAsLdd(prog);

        assertThat(Ldd.notFound(prog)).containsExactly("liba.so");
        assertThat(closure.warnings()).singleElement().asString()
                .isEqualTo("liba.so (needed by " + dir.resolve("bin/../lib/libb.so") + ") not found");
    }

    @Test
    void runpathOfEachLibraryFindsItsOwnNeeds() throws Exception {
        Path prog = build("--enable-new-dtags", true);

        ExecClosure closure = resolveAsLdd(prog);

        assertThat(runs(prog)).isZero();
        assertThat(Ldd.loadedFiles(closure)).contains(dir.resolve("lib/liba.so").toRealPath());
        assertThat(closure.files()).filteredOn(f -> f.path().getFileName().toString().startsWith("lib"))
                .extracting(ResolvedFile::role).containsOnly(FileRole.LIBRARY);
    }

    @Test
    void ldLibraryPathIsSearchedOnlyWhenTheCommandGetsIt() throws Exception {
        gcc("-shared", "-fPIC", "-o", "lib/liba.so", "a.c");
        gcc("-o", "bin/prog", "main.c", "b.c", "-Llib", "-la");
        String prog = dir.resolve("bin/prog").toString();

        ExecClosure without = resolver.resolve(prog);
        ExecClosure with = new ExecutableResolver(new LoaderEnvironment("/usr/bin", dir.resolve("lib").toString()))
                .resolve(prog);

        assertThat(without.warnings()).singleElement().asString().startsWith("liba.so (needed by ");
        assertThat(with.warnings()).isEmpty();
        assertThat(with.files()).contains(new ResolvedFile(dir.resolve("lib/liba.so"), FileRole.LIBRARY));
    }

    @Test
    void staticProgramImportsOnlyItself() throws Exception {
        Tools.Result built = Tools.tryRun(List.of(gcc.toString(), "-static", "-o", dir.resolve("static").toString(),
                dir.resolve("main.c").toString(), dir.resolve("b.c").toString(), dir.resolve("a.c").toString()));
        assumeTrue(built.status() == 0, "gcc -static does not link here (libc.a missing?): " + built.output());

        ExecClosure closure = resolver.resolve(dir.resolve("static").toString());

        assertThat(runs(dir.resolve("static"))).isZero();
        assertThat(closure.files()).containsExactly(new ResolvedFile(dir.resolve("static"), FileRole.COMMAND));
        assertThat(closure.warnings()).isEmpty();
    }

    @Test
    void thirtyTwoBitProgramUsesItsOwnLoaderAndLibraries() throws Exception {
        MachineCapability.I386_EXECUTION.assume("ldd, the oracle, cannot run a 32-bit program here; the resolver's"
                + " class and search-path rules for 32-bit files are covered by ElfReaderTest and SearchOrderTest");
        MachineCapability.GCC_M32.assume("no 32-bit program can be built here (gcc-multilib)");
        Path prog = dir.resolve("prog32");
        Tools.Result built = Tools.tryRun(List.of(gcc.toString(), "-m32", "-o", prog.toString(),
                dir.resolve("main.c").toString(), dir.resolve("b.c").toString(), dir.resolve("a.c").toString()));
        assertThat(built.status()).as("gcc -m32: %s", built.output()).isZero();

        resolveAsLdd(prog);

        assertThat(runs(prog)).isZero();
    }
}
