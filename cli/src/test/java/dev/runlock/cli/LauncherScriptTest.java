package dev.runlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What the {@code ./runlock} launcher must know of runlock's options. */
class LauncherScriptTest {
    @Test
    void theLauncherSkipsTheValueOfExactlyTheOptionsThatTakeOne() throws IOException {
        String script = Files.readString(Launcher.SCRIPT);
        String begin = "--new-session=false) new_session=false ;;";
        String end = ") value_next=true ;;";
        String list = script.substring(script.indexOf(begin) + begin.length(), script.indexOf(end));
        Set<String> skipped = Arrays.stream(list.replace("\\\n", "").split("\\|")).map(String::strip)
                .collect(Collectors.toSet());

        Set<String> valued = Arrays.stream(Option.values()).filter(o -> o.kind() == Option.Kind.VALUE
                || o.kind() == Option.Kind.LIST || o.kind() == Option.Kind.REPEATED)
                .flatMap(o -> o.names().stream()).collect(Collectors.toSet());
        assertThat(skipped).isEqualTo(valued);
    }
}
