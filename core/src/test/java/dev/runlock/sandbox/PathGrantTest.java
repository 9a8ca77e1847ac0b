package dev.runlock.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathGrantTest {
    @TempDir
    Path tmp;

    @Test
    void dotAndEmptyNamesAreDropped() {
        assertThat(new PathGrant(Path.of("/home/u/./"), Intent.RW, "--rw").path()).isEqualTo(Path.of("/home/u"));
        assertThat(new PathGrant(Path.of("/home/u/a/./b"), Intent.RO, "--ro").path()).isEqualTo(Path.of("/home/u/a/b"));
        assertThat(new PathGrant(Path.of("/"), Intent.RO, "--ro").path()).isEqualTo(Path.of("/"));
    }

    @Test
    void parentIsResolvedThroughTheLinkBeforeItAsTheKernelDoes() throws Exception {
        Path target = Files.createDirectories(tmp.resolve("real/inner"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), target);
        Files.createFile(tmp.resolve("real/file"));

        // Lexically link/.. would be tmp; the kernel follows the link, then goes up from real/inner.
        assertThat(new PathGrant(link.resolve(".."), Intent.RO, "--ro").path()).isEqualTo(tmp.resolve("real").toRealPath());
        assertThat(new PathGrant(link.resolve("../file"), Intent.RO, "--ro").path())
                .isEqualTo(tmp.resolve("real/file").toRealPath());
        // Control: without a link on the way, the lexical and the kernel's answer agree.
        assertThat(new PathGrant(target.resolve("../file"), Intent.RO, "--ro").path())
                .isEqualTo(tmp.resolve("real/file").toRealPath());
    }

    @Test
    void aMissingPathIsNormalisedLexicallyAndStaysMissing() {
        assertThat(new PathGrant(tmp.resolve("nope/../x/."), Intent.RO, "--ro").path()).isEqualTo(tmp.resolve("x"));
    }
}
