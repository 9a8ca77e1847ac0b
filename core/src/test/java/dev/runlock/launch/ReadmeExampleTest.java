package dev.runlock.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.runlock.testkit.HostAbi;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** README.md's "Java API" program, compiled against core's classes and run in a JVM of its own, as written. */
class ReadmeExampleTest {
    /** Surefire runs in the module's directory. */
    private static final Path README = Path.of("..", "README.md");
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path dir;

    static String example() throws Exception {
        String readme = Files.readString(README);
        Matcher block = JAVA_BLOCK.matcher(readme.substring(readme.indexOf("\n## Java API\n")));
        assertThat(block.find()).as("a java block in README's Java API section").isTrue();
        return block.group(1);
    }

    @Test
    void compilesAndRunsAsWritten() throws Exception {
        assumeTrue(HostAbi.checked() >= 1, "the example's denial needs Landlock (ABI 0 here)");
        Path source = Files.writeString(dir.resolve("Example.java"), example());
        String classpath = System.getProperty("java.class.path");

        int compiled = ToolProvider.getSystemJavaCompiler().run(null, null, null,
                "-cp", classpath, "-d", dir.toString(), source.toString());
        assertThat(compiled).as("javac exit status").isZero();

        String java = ProcessHandle.current().info().command().orElseThrow();
        Process run = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
                "-cp", dir + File.pathSeparator + classpath, "Example").redirectErrorStream(true).start();
        List<String> lines = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();

        assertThat(run.waitFor()).as("%s", lines).isZero();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).matches("notes\\.txt: exit 0, granted \\((FULLY|PARTIALLY)_ENFORCED\\)");
        assertThat(lines.get(1)).matches("secret\\.txt: exit 1, cat: .*/secret\\.txt: Permission denied \\(.*\\)");
        assertThat(lines.get(2)).isEqualTo("the JVM reads secret.txt: not granted");
    }
}
