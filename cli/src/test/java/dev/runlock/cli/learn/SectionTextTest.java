package dev.runlock.cli.learn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runlock.cli.config.ConfigKey;
import dev.runlock.cli.config.ConfigSection;
import dev.runlock.cli.config.EnvSpec;
import dev.runlock.cli.config.SandboxConfig;
import dev.runlock.cli.learn.SectionText.Entry;
import dev.runlock.landlock.Abi;
import dev.runlock.sandbox.PortRange;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The learned section is TOML that runlock's own config reader takes back, value for value. */
class SectionTextTest {
    @TempDir
    Path dir;

    @Test
    void readsBackAsTheSameValues() throws Exception {
        String weird = "/tmp/we\"ird\nname = x (deleted)\\ é";
        String text = SectionText.render("python3.11", List.of("learned", "two\nlines"), List.of(
                new Entry(ConfigKey.RO, weird, "read by cat"), new Entry(ConfigKey.RO, "/b", "read by cat"),
                new Entry(ConfigKey.RW, "/tmp", "files created in it by cc1"),
                new Entry(ConfigKey.PRESET, "python", "covers /usr/lib/python3.11/os.py, used by python3"),
                new Entry(ConfigKey.PRESET, "dev", "covers /dev/null, /dev/urandom, used by python3"),
                new Entry(ConfigKey.CONNECT_TCP, 8080, "connected to by curl"),
                new Entry(ConfigKey.CONNECT_TCP, 443, "connected to by curl"),
                new Entry(ConfigKey.EXECUTABLE_DEPENDENCIES, "/usr/bin/gcc", "executed by make"),
                new Entry(ConfigKey.ENV, List.of("HOME", "A=\"b\""), "given"),
                new Entry(ConfigKey.UNRESTRICTED_SCOPED, true, "given"),
                new Entry(ConfigKey.ABI, 4, "given")));
        ConfigSection section = SandboxConfig.sections(dir.resolve("s.toml"), text).get("python3.11");
        assertThat(section.strings(ConfigKey.RO)).containsExactly("/b", weird);
        assertThat(section.strings(ConfigKey.RW)).containsExactly("/tmp");
        assertThat(section.strings(ConfigKey.PRESET)).containsExactly("dev", "python");
        assertThat(section.ports(ConfigKey.CONNECT_TCP)).containsExactly(new PortRange(443, 443),
                new PortRange(8080, 8080));
        assertThat(section.strings(ConfigKey.EXECUTABLE_DEPENDENCIES)).containsExactly("/usr/bin/gcc");
        assertThat(section.env()).containsExactly(new EnvSpec("HOME", Optional.empty()),
                new EnvSpec("A", Optional.of("\"b\"")));
        assertThat(section.flag(ConfigKey.UNRESTRICTED_SCOPED)).contains(true);
        assertThat(section.abi()).contains(Abi.V4);
        assertThat(text).startsWith("[\"python3.11\"]\n# learned\n# two lines\n").contains("    \"/b\",  # read by cat\n",
                "    443,  # connected to by curl\n    8080,", "unrestricted_scoped = true  # given\n",
                "preset = [\n    \"dev\",  # covers /dev/null, /dev/urandom, used by python3\n");
    }

    @Test
    void commentsAndValuesShowNoControlAndReadBack() throws Exception {
        String program = "X\u001b]0;PWNED\u0007\u001b[31mRED\u009b\t中文";
        String evil = "/srv/évil\u202Etxt.sh";
        String text = SectionText.render(program, List.of("learned from one run of: " + program), List.of(
                new Entry(ConfigKey.RO, evil, "read by " + program),
                new Entry(ConfigKey.ABI, 4, "given by " + program)));
        assertThat(text.codePoints().filter(c -> c != '\n')).allMatch(c -> c >= 0x20 && c != 0x7f && c != 0x9b && c != 0x202e);
        assertThat(text).contains("# learned from one run of: X\\x1b]0;PWNED\\x07\\x1b[31mRED\\x9b\\x09中文\n",
                "    \"/srv/évil\\u202Etxt.sh\",  # read by X\\x1b]0;PWNED\\x07\\x1b[31mRED\\x9b\\x09中文\n");
        ConfigSection section = SandboxConfig.sections(dir.resolve("s.toml"), text).get(program);
        assertThat(section.strings(ConfigKey.RO)).containsExactly(evil);
        assertThat(section.abi()).contains(Abi.V4);
    }
}
