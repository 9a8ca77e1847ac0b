package dev.runlock.cli.preset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runlock.elf.ExecutableResolver;
import dev.runlock.elf.LoaderEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compiled modules a python may import, found by a bounded walk, and the libraries they need. */
class PythonModulesTest {
    @TempDir
    Path root;

    private Path file(String path) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "");
    }

    @Test
    void modulesAreFoundInPackagesButNotInCachesMetadataOrThroughLinks() throws IOException {
        Path dynload = file("lib/python3.42/lib-dynload/_ssl.cpython-342.so");
        Path nested = file("lib/python3/dist-packages/numpy/_core/_multiarray.abi3.so");
        file("lib/python3/dist-packages/numpy/__pycache__/x.so");
        file("lib/python3/dist-packages/numpy-2.0.dist-info/y.so");
        file("lib/python3/dist-packages/numpy/_core/module.py");
        Files.createSymbolicLink(root.resolve("lib/python3/dist-packages/usr"), Path.of("/usr"));
        assertThat(PythonModules.compiled(List.of(root.resolve("lib/python3.42"), root.resolve("lib/python3/dist-packages"))))
                .containsExactlyInAnyOrder(dynload, nested);
    }

    @Test
    void theWalkStopsAtItsDepth() throws IOException {
        file("site/a/b/c/d/e/f/g/deep.so");
        Path shallow = file("site/a/b/c/d/e/f/shallow.so");
        assertThat(PythonModules.compiled(List.of(root.resolve("site")))).containsExactly(shallow);
    }

    @Test
    void theStandardLibrarysCompiledModulesAreFoundWhateverFillsTheBudgetBeforeThem() throws IOException {
        // pyenv: site-packages lies in the standard library's directory; here the directory itself
        // holds more entries than the walk visits, so a walk in directory order never reaches lib-dynload.
        Path stdlib = Files.createDirectories(root.resolve("lib/python3.42"));
        for (int i = 0; i <= PythonModules.MAX_ENTRIES; i++) {
            Files.createFile(stdlib.resolve("module" + i + ".py"));
        }
        Path ssl = file("lib/python3.42/lib-dynload/_ssl.cpython-342.so");
        Path site = file("site/_speedups.so");
        Path dynloadLink = Files.createSymbolicLink(root.resolve("site/lib-dynload"), Path.of("/usr/lib"));

        List<Path> modules = PythonModules.compiled(List.of(root.resolve("site"), root.resolve("lib/python3.42")));
        assertThat(modules).containsOnlyOnce(ssl).contains(site).noneMatch(m -> m.startsWith(dynloadLink))
                .noneMatch(m -> m.startsWith("/usr/lib"));
    }

    @Test
    void thisMachinesSslModuleNeedsLibssl() {
        Path python = Path.of("/usr/bin/python3");
        Assumptions.assumeTrue(Files.isExecutable(python), "no /usr/bin/python3");
        PresetContext context = new PresetContext(Map.of("PATH", "/usr/bin"), Optional.of(python.toString()));
        List<Path> dirs = Placeholder.PYTHON_STDLIB.values(context).paths();
        List<Path> libraries = PythonModules.libraries(new ExecutableResolver(new LoaderEnvironment("/usr/bin", null)),
                python, dirs, PythonModules.compiled(dirs));
        assertThat(libraries).anySatisfy(lib -> assertThat(lib.getFileName().toString()).startsWith("libssl.so"))
                .noneMatch(lib -> dirs.stream().anyMatch(lib::startsWith));
    }
}
