package dev.runlock.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MainTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "--impl", "--impl foo --binary /bin/true", "--binary /nonexistent",
            "--impl landrun --binary /bin/true --abi 3", "--binary /bin/true --subset x", "--binary /bin/true --abi -1",
            "--frobnicate 1"})
    void badArgumentsExitOne(String args) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] words = args.isEmpty() ? new String[0] : args.split(" ");
        assertThat(Main.run(words, new PrintStream(out, true, StandardCharsets.UTF_8))).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).as("nothing runs").isEmpty();
    }
}
