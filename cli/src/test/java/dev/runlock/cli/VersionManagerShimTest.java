package dev.runlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Version managers' shims, recognised by their directory or by the manager their script runs. */
class VersionManagerShimTest {
    @TempDir
    Path home;

    private Path script(String path, String text) throws IOException {
        Path file = home.resolve(path);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({".pyenv/shims/python3, PYENV", ".asdf/shims/node, ASDF", ".local/share/mise/shims/node, MISE",
            ".rbenv/shims/ruby, RBENV", ".nodenv/shims/npm, NODENV", "opt/pyenv/shims/pip, PYENV"})
    void aShimsDirectoryOfAManagerIsRecognisedByItsPath(String path, VersionManagerShim.Manager manager)
            throws IOException {
        Path shim = script(path, "#!/bin/sh\n");
        assertThat(VersionManagerShim.of(shim)).hasValue(new VersionManagerShim(manager, shim,
                shim.getFileName().toString()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "PYENV|#!/usr/bin/env bash\\nset -e\\nexec \"/home/u/.pyenv/libexec/pyenv\" exec \"$program\" \"$@\"\\n",
        "RBENV|#!/usr/bin/env bash\\nexec \"/home/u/.rbenv/libexec/rbenv\" exec \"$program\" \"$@\"\\n",
        "ASDF|#!/usr/bin/env bash\\n# asdf-plugin: nodejs 20.0.0\\nexec /home/u/.asdf/bin/asdf exec \"node\" \"$@\"\\n",
        "MISE|#!/usr/bin/env bash\\nexec mise x -- node \"$@\"\\n"})
    void aScriptElsewhereIsRecognisedByTheManagerItRuns(VersionManagerShim.Manager manager, String text)
            throws IOException {
        Path shim = script("bin/tool", text.replace("\\n", "\n"));
        assertThat(VersionManagerShim.of(shim).map(VersionManagerShim::manager)).hasValue(manager);
    }

    @Test
    void ordinaryScriptsAndDirectoriesAreNotShims() throws IOException {
        assertThat(VersionManagerShim.of(script("bin/deploy", "#!/bin/sh\necho use pyenv exec to run it\n"))).isEmpty();
        assertThat(VersionManagerShim.of(script("shims/python3", "#!/bin/sh\n"))).isEmpty();
        assertThat(VersionManagerShim.of(script("tools/shims/python3", "#!/bin/sh\n"))).isEmpty();
        assertThat(VersionManagerShim.of(Path.of("/usr/bin/env"))).isEmpty();
    }

    @Test
    void theRefusalNamesTheShimAndTheRealProgram() throws IOException {
        Path shim = script(".pyenv/shims/python3", "#!/bin/sh\n");
        VersionManagerShim found = VersionManagerShim.of(shim).orElseThrow();
        assertThat(found.refusal("python3")).startsWith("python3 is pyenv's shim " + shim + ", ")
                .endsWith("give runlock the real program: runlock [OPTIONS] -- \"$(pyenv which python3)\" [ARGS]");
        assertThat(found.refusal("./manage.py")).startsWith("./manage.py runs python3, which is pyenv's shim ")
                .endsWith("-- \"$(pyenv which python3)\" ./manage.py [ARGS]");
    }
}
