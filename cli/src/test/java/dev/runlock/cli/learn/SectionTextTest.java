package dev.runlock.cli.learn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runlock.cli.config.ConfigKey;
import dev.runlock.cli.config.ConfigSection;
import dev.runlock.cli.config.SandboxConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The learned section is TOML that runlock's own config reader takes back, value for value. */
class SectionTextTest {
    @TempDir
    Path dir;

    private static Requirement r(String target, Need need) {
        return new Requirement(target, need, Set.of("read"), Set.of("cat"), 0);
    }

    @Test
    void readsBackAsTheSameValues() throws Exception {
        String weird = "/tmp/we\"ird\nname = x (deleted)\\ é";
        String bytes = new String(weird.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        String text = SectionText.render("python3.11", List.of("learned", "two\nlines"),
                List.of(r(bytes, Need.RO), r("/b", Need.RO), r("/tmp", Need.RW), r("8080", Need.CONNECT_TCP),
                        r("443", Need.CONNECT_TCP), r("/usr/bin/gcc", Need.EXECUTABLE)),
                List.of(new SectionText.Given(ConfigKey.ENV, List.of("HOME", "A=\"b\"")),
                        new SectionText.Given(ConfigKey.UNRESTRICTED_SCOPED, true),
                        new SectionText.Given(ConfigKey.ABI, 4)));
        Path file = Files.writeString(dir.resolve("s.toml"), text);
        ConfigSection section = SandboxConfig.read(file, "python3.11").orElseThrow();
        assertThat(section.strings(ConfigKey.RO)).containsExactly("/b", weird);
        assertThat(section.strings(ConfigKey.RW)).containsExactly("/tmp");
        assertThat(section.strings(ConfigKey.CONNECT_TCP)).containsExactly("443", "8080");
        assertThat(section.strings(ConfigKey.EXECUTABLE_DEPENDENCIES)).containsExactly("/usr/bin/gcc");
        assertThat(section.strings(ConfigKey.ENV)).containsExactly("HOME", "A=\"b\"");
        assertThat(section.flag(ConfigKey.UNRESTRICTED_SCOPED)).contains(true);
        assertThat(section.integer(ConfigKey.ABI)).contains(4);
        assertThat(text).startsWith("[\"python3.11\"]\n# learned\n# two lines\n").contains("\"/b\",  # read by cat\n");
    }
}
