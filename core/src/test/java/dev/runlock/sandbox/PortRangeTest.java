package dev.runlock.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PortRangeTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"0, 0, 0", "65535, 65535, 65535", "8080, 8080, 8080", "' 443 ', 443, 443", "8000-8100, 8000, 8100",
            "7-7, 7, 7"})
    void parsesPortsAndRanges(String text, int from, int to) {
        PortRange range = PortRange.parse(text);

        assertThat(range).isEqualTo(new PortRange(from, to));
        assertThat(range).hasToString(from == to ? Integer.toString(from) : from + "-" + to);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "70000 | invalid port '70000': 70000 is above 65535",
            "65536 | invalid port '65536': 65536 is above 65535",
            "http | invalid port 'http': ports are numbers 0-65535, ranges N-M",
            "-1 | invalid port '-1': ports are numbers 0-65535, ranges N-M",
            "1- | invalid port '1-': ports are numbers 0-65535, ranges N-M",
            "-5-8 | invalid port '-5-8': ports are numbers 0-65535, ranges N-M",
            "5-3 | invalid port range '5-3': 5 is above 3",
            "1-70000 | invalid port '1-70000': 70000 is above 65535",
            "123456 | invalid port '123456': ports are numbers 0-65535, ranges N-M",
            "'' | invalid port '': ports are numbers 0-65535, ranges N-M"})
    void rejectsBadTextNamingIt(String text, String message) {
        assertThatThrownBy(() -> PortRange.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }
}
