package dev.runlock.cli.preset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runlock.testkit.MachineCapability;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The python preset's library directories, found from the interpreter's files, never a fixed version. */
class PythonStdlibTest {
    @TempDir
    Path root;

    private Path python(String prefix, String name, String libVersion) throws IOException {
        Path bin = Files.createDirectories(root.resolve(prefix).resolve("bin"));
        Path lib = Files.createDirectories(root.resolve(prefix).resolve("lib").resolve("python" + libVersion));
        Files.writeString(lib.resolve("os.py"), "");
        return Files.writeString(bin.resolve(name), "");
    }

    @Test
    void theVersionComesFromTheInterpretersFileName() throws IOException {
        Path python = python("usr", "python3.42", "3.42");
        Files.createDirectories(root.resolve("usr/lib/python3.41"));
        Path dist = Files.createDirectories(root.resolve("usr/lib/python3/dist-packages"));
        assertThat(PythonStdlib.directories(List.of(python)).directories())
                .containsExactly(root.resolve("usr/lib/python3.42"), dist);
    }

    @Test
    void anUnversionedNameFindsTheLibraryByItsOsPyLandmark() throws IOException {
        Path python = python("opt/py", "python", "3.13");
        Files.createDirectories(root.resolve("opt/py/lib/python3.9"));
        assertThat(PythonStdlib.directories(List.of(python)).directories()).containsExactly(root.resolve("opt/py/lib/python3.13"));
    }

    @Test
    void aVenvLinkAddsItsOwnLibraryBesideTheBaseStdlib() throws IOException {
        Path base = python("usr", "python3.42", "3.42");
        Path venvLink = Files.createDirectories(root.resolve("venv/bin")).resolve("python");
        Path sitePackages = Files.createDirectories(root.resolve("venv/lib/python3.42/site-packages"));
        assertThat(PythonStdlib.directories(List.of(venvLink, base)).directories())
                .containsExactly(sitePackages.getParent(), root.resolve("usr/lib/python3.42"));
    }

    @Test
    void aVenvLibraryThatLinksOutOfTheVenvIsRefusedAndNamed() throws IOException {
        Path base = python("usr", "python3.42", "3.42");
        Path venvLink = Files.createDirectories(root.resolve("venv/bin")).resolve("python");
        Files.createDirectories(root.resolve("venv/lib"));
        Path slash = Files.createSymbolicLink(root.resolve("venv/lib/python3.42"), Path.of("/"));
        Path secret = Files.createDirectories(root.resolve("home/.ssh"));
        Path ssh = Files.createSymbolicLink(Files.createDirectories(root.resolve("venv/local/lib")).resolve("python3.42"),
                secret);

        PythonStdlib.Libraries found = PythonStdlib.directories(List.of(venvLink, base));

        assertThat(found.directories()).containsExactly(root.resolve("usr/lib/python3.42"));
        assertThat(found.refused()).containsExactly(
                slash + " -> / (outside " + root.resolve("venv").toRealPath() + ")",
                ssh + " -> " + secret.toRealPath() + " (outside " + root.resolve("venv").toRealPath() + ")");
        Files.delete(ssh);
        Files.delete(slash);
        Path own = Files.createDirectory(root.resolve("venv/lib/python3.42"));
        assertThat(PythonStdlib.directories(List.of(venvLink, base)).directories()).as("control: a venv's own library")
                .containsExactly(own, root.resolve("usr/lib/python3.42"));
    }

    @Test
    void aVenvLibraryLinkedToAnotherPythonsGrantedLibraryIsNoRefusal() throws IOException {
        Path base = python("usr", "python3.42", "3.42");
        Path venvLink = Files.createDirectories(root.resolve("venv/bin")).resolve("python");
        Files.createDirectories(root.resolve("venv/lib"));
        Files.createSymbolicLink(root.resolve("venv/lib/python3.42"), root.resolve("usr/lib/python3.42"));
        PythonStdlib.Libraries found = PythonStdlib.directories(List.of(venvLink, base));
        assertThat(found.directories()).containsExactly(root.resolve("usr/lib/python3.42"));
        assertThat(found.refused()).isEmpty();
    }

    @Test
    void noStandardLibraryMeansNothing() throws IOException {
        Path shim = Files.writeString(Files.createDirectories(root.resolve("shims")).resolve("python3"), "#!/bin/sh");
        Files.createDirectories(root.resolve("lib/python3"));
        assertThat(PythonStdlib.directories(List.of(shim)).directories()).isEmpty();
        assertThat(PythonStdlib.directories(List.of(root.resolve("usr/bin/bash"))).directories()).isEmpty();
    }

    @Test
    void thisMachinesPython3HasItsStdlibFound() {
        Path python = Path.of("/usr/bin/python3");
        MachineCapability.PYTHON3.assume("the python preset's standard library is not checked against the interpreter");
        PresetContext context = new PresetContext(java.util.Map.of("PATH", "/usr/bin"),
                java.util.Optional.of(python.toString()));
        assertThat(Placeholder.PYTHON_STDLIB.values(context).paths())
                .anySatisfy(dir -> assertThat(dir.resolve("encodings/__init__.py")).isRegularFile());
    }
}
