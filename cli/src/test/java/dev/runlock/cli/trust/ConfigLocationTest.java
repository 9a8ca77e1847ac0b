package dev.runlock.cli.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runlock.cli.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which config applies: $SANDBOX_CONFIG (explicit), else ./sandbox.toml (only once trusted). */
class ConfigLocationTest {
    @TempDir
    Path dir;

    @Test
    void withoutSandboxConfigTheWorkingDirectorysFileIsFoundImplicitly() throws Exception {
        assertThat(ConfigLocation.find(Map.of(), dir)).isEmpty();
        Path local = Files.writeString(dir.resolve("sandbox.toml"), "");
        assertThat(ConfigLocation.find(Map.of(), dir)).contains(new ConfigLocation(local, false));
        assertThat(ConfigLocation.find(Map.of("SANDBOX_CONFIG", ""), dir)).contains(new ConfigLocation(local, false));
    }

    @Test
    void sandboxConfigWinsAndIsResolvedAgainstTheWorkingDirectory() throws Exception {
        Files.writeString(dir.resolve("sandbox.toml"), "");
        Path named = Files.writeString(dir.resolve("other.toml"), "");
        assertThat(ConfigLocation.find(Map.of("SANDBOX_CONFIG", named.toString()), Path.of("/")))
                .contains(new ConfigLocation(named, true));
        assertThat(ConfigLocation.find(Map.of("SANDBOX_CONFIG", "other.toml"), dir))
                .contains(new ConfigLocation(named, true));
    }

    @Test
    void aSandboxConfigNamingNothingIsAnError() {
        assertThatThrownBy(() -> ConfigLocation.find(Map.of("SANDBOX_CONFIG", "absent.toml"), dir))
                .isInstanceOf(ConfigException.class)
                .hasMessage(dir.resolve("absent.toml") + ": config file named by SANDBOX_CONFIG does not exist");
    }

    /** Not silently skipped, as a directory or FIFO once was: it is there, so it is an error. */
    @Test
    void aSandboxTomlThatIsNoFileIsFoundAndThenRefused() throws Exception {
        Path directory = Files.createDirectory(dir.resolve("sandbox.toml"));
        ConfigLocation found = ConfigLocation.find(Map.of(), dir).orElseThrow();
        assertThatThrownBy(() -> found.read(Map.of("HOME", dir.toString())))
                .hasMessage(directory + ": not a regular file");
    }

    @Test
    void anImplicitConfigMustBeTrustedAndAnExplicitOneNeedNotBe() throws Exception {
        Path local = Files.writeString(dir.resolve("sandbox.toml"), "[cat]\n");
        Map<String, String> env = Map.of("XDG_CONFIG_HOME", dir.resolve("xdg").toString());
        ConfigLocation implicit = ConfigLocation.find(env, dir).orElseThrow();
        assertThatThrownBy(() -> implicit.read(env)).isInstanceOf(ConfigException.class).hasMessage(local
                + " is not trusted (a sandbox.toml found in the working directory applies only once you trust it);"
                + " review it, then run: runlock trust");
        assertThat(new ConfigLocation(local, true).read(env).text()).isEqualTo("[cat]\n");
        TrustStore.of(env).trust(ConfigFile.read(local, "config"));
        assertThat(implicit.read(env).text()).isEqualTo("[cat]\n");
        Files.writeString(local, "[cat]\nunrestricted_filesystem = true\n");
        assertThatThrownBy(() -> implicit.read(env)).hasMessage(local
                + " changed since you trusted it; review it, then run: runlock trust");
    }
}
