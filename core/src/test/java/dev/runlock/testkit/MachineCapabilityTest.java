package dev.runlock.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probes against independent witnesses, where the machine has one. */
class MachineCapabilityTest {
    @TempDir
    Path dir;

    @Test
    void i386ProbeAgreesWithAProgramGccBuilds() throws IOException, InterruptedException {
        MachineCapability.GCC_M32.assume("no 32-bit program can be built here to check the i386 probe against");
        Path source = Files.writeString(dir.resolve("seven.c"), "int main(void) { return 7; }\n");
        Path program = dir.resolve("seven");
        Process gcc = new ProcessBuilder("/usr/bin/gcc", "-m32", "-static", "-o", program.toString(), source.toString())
                .inheritIO().start();
        assertThat(gcc.waitFor(120, TimeUnit.SECONDS) && gcc.exitValue() == 0).as("gcc -m32 -static").isTrue();

        boolean ran;
        try {
            Process seven = new ProcessBuilder(program.toString()).start();
            ran = seven.waitFor(60, TimeUnit.SECONDS) && seven.exitValue() == 7;
        } catch (IOException e) {
            ran = false; // Exec format error
        }

        MachineCapability.Probe probe = MachineCapability.I386_EXECUTION.measure();
        assertThat(probe.available()).as(probe.detail()).isEqualTo(ran);
    }

    @Test
    void skipMessagesNameTheCapabilityFirst() {
        assertThat(MachineCapability.skipMessage("i386 execution", "not available on this kernel", "execve: error=8",
                "the probe cannot run")).isEqualTo(
                "[machine] i386 execution: not available on this kernel (execve: error=8) — the probe cannot run");
    }
}
