package dev.runlock.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MainTest {

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', value = {
        "| --binary is required",
        "--impl | --impl needs a value",
        "--impl foo --binary /bin/true | --impl: unknown value 'foo'",
        "--binary /nonexistent | --binary: not an executable file: /nonexistent",
        "--impl landrun --binary /bin/true --abi 3 | --abi: landrun has no --abi option",
        "--binary /bin/true --subset x | --subset: unknown value 'x'",
        "--binary /bin/true --abi -1 | --abi: not a non-negative number: '-1'",
        "--frobnicate 1 | unknown argument '--frobnicate'"})
    void badArgumentsExitOneWithOneLineNamingTheCulprit(String args, String culprit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] words = args == null ? new String[0] : args.split(" ");
        assertThat(Main.run(words, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).as("nothing runs").isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).singleElement().asString()
                .startsWith("conformance: ").contains(culprit);
    }
}
