package dev.runlock.elf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The host's own programs resolve to exactly what glibc's loader maps for them. */
class SystemBinariesTest {

    /** System directories only: a user's shims (pyenv, ...) are scripts, tested elsewhere. */
    private static final String SYSTEM_PATH = "/usr/local/bin:/usr/bin:/bin";

    @ParameterizedTest
    @ValueSource(strings = {"ls", "bash", "python3"})
    void closureIsWhatLddLists(String command) throws IOException, InterruptedException {
        assumeTrue(Ldd.tool().isPresent(), "ldd is not installed (it is the oracle)");
        ExecutableResolver resolver = new ExecutableResolver(new LoaderEnvironment(SYSTEM_PATH, null));
        ExecClosure closure;
        try {
            closure = resolver.resolve(command);
        } catch (ResolveException e) {
            closure = abort(command + " is not installed here: " + e.getMessage());
        }
        Path program = Ldd.realPath(closure.command());
        assumeTrue(Files.size(program) > 0 && Ldd.notFound(program).isEmpty(), command + " is not intact here");

        assertThat(Ldd.loadedFiles(closure)).isEqualTo(Ldd.mappedFiles(program));
        assertThat(closure.warnings()).isEmpty();
        assertThat(closure.files()).filteredOn(f -> f.role() == FileRole.COMMAND)
                .extracting(f -> Ldd.realPath(f.path())).contains(program);
        assertThat(closure.files()).filteredOn(f -> f.role().needsExecute())
                .extracting(ResolvedFile::role)
                .containsOnly(FileRole.COMMAND, FileRole.ELF_INTERPRETER)
                .contains(FileRole.ELF_INTERPRETER);
    }
}
