package dev.runlock.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelMatrixTest {

    @TempDir
    Path dir;

    @Test
    void readsDebianAndHostRowsSkippingComments() throws IOException {
        Path file = write("""
                # name suite packages abi
                sid-7.2   sid   linux-binary-7\\.2\\..*,linux-modules-7\\.2\\..*   10

                host      host  -   7
                """);

        List<KernelSpec> kernels = KernelMatrix.read(file);

        assertThat(kernels).extracting(KernelSpec::name, KernelSpec::expectedAbi)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("sid-7.2", 10),
                        org.assertj.core.groups.Tuple.tuple("host", 7));
        KernelSource.Debian sid = (KernelSource.Debian) kernels.getFirst().source();
        assertThat(sid.suite()).isEqualTo("sid");
        assertThat(sid.packages()).extracting(java.util.regex.Pattern::pattern)
                .containsExactly("linux-binary-7\\.2\\..*", "linux-modules-7\\.2\\..*");
        assertThat(kernels.get(1).source()).isInstanceOf(KernelSource.Host.class);
    }

    @Test
    void theShippedMatrixCoversEveryDebianAbiAndTheHost() {
        List<KernelSpec> kernels = KernelMatrix.read(Path.of("matrix.tsv"));

        assertThat(kernels).filteredOn(spec -> spec.source() instanceof KernelSource.Debian)
                .extracting(KernelSpec::expectedAbi).contains(0, 2, 6, 7, 8, 9, 10, 11);
        assertThat(kernels).anyMatch(spec -> spec.source() instanceof KernelSource.Host);
    }

    @Test
    void wrongColumnCountNamesFileAndLine() throws IOException {
        Path file = write("# header\nbookworm bookworm linux-image-6\\.1.*\n");

        assertThatThrownBy(() -> KernelMatrix.read(file))
                .isInstanceOf(MatrixFormatException.class)
                .hasMessage(file + ":2: expected 4 columns (name suite packages abi), found 3");
    }

    @Test
    void badAbiBadRegexAndDuplicatesAreRejected() throws IOException {
        assertThatThrownBy(() -> KernelMatrix.read(write("a sid linux-.* ten\n")))
                .hasMessageEndingWith(":1: ABI must be a number from 0 to 64, not 'ten'");
        assertThatThrownBy(() -> KernelMatrix.read(write("a sid linux-(.* 1\n")))
                .hasMessageContaining(":1: invalid package pattern 'linux-(.*'");
        assertThatThrownBy(() -> KernelMatrix.read(write("a sid x 1\na sid y 2\n")))
                .hasMessageEndingWith(":2: duplicate kernel name 'a'");
        assertThatThrownBy(() -> KernelMatrix.read(write("h host linux-.* 7\n")))
                .hasMessageEndingWith(":1: the host kernel takes no packages: write '-'");
        assertThatThrownBy(() -> KernelMatrix.read(write("# nothing\n")))
                .hasMessageEndingWith(":1: no kernels listed");
    }

    private Path write(String text) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "matrix", ".tsv"), text);
    }
}
