package dev.runlock.cli.preset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runlock.elf.ExecutableResolver;
import dev.runlock.elf.LoaderEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dns and users presets' NSS modules: named by nsswitch.conf, found as the loader finds them. */
class NssModulesTest {
    @TempDir
    Path dir;

    @Test
    void eachServiceOnceWithoutActionsOrComments() throws IOException {
        Path conf = Files.writeString(dir.resolve("nsswitch.conf"), """
                # hosts: ignored
                passwd:  files systemd
                hosts:   files mdns4_minimal [NOTFOUND=return] dns myhostname  # trailing
                netgroup: nis
                garbage line
                """);
        assertThat(NssModules.sonames(conf)).containsExactly("libnss_files.so.2", "libnss_systemd.so.2",
                "libnss_mdns4_minimal.so.2", "libnss_dns.so.2", "libnss_myhostname.so.2", "libnss_nis.so.2");
    }

    @Test
    void aMissingFileNamesNoModule() {
        assertThat(NssModules.sonames(dir.resolve("absent"))).isEmpty();
    }

    @Test
    void modulesResolveOnThisMachineWithoutTheProgramsOwnLibraries() {
        ExecutableResolver resolver = new ExecutableResolver(new LoaderEnvironment("/usr/bin:/bin", null));
        List<Path> files = NssModules.files(resolver, "sh", List.of("libnss_files.so.2", "libnss_nonexistent.so.2"));
        assertThat(files).anySatisfy(f -> assertThat(f.getFileName().toString()).startsWith("libnss_files.so"));
        assertThat(files).noneSatisfy(f -> assertThat(f.getFileName().toString()).startsWith("libc.so"));
        assertThat(NssModules.files(resolver, "no-such-program-here", List.of("libnss_files.so.2"))).isNotEmpty();
    }
}
