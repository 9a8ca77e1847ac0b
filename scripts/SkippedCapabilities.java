import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What a test run could not prove on this machine: reads the Surefire and Failsafe reports under
 * the given directories and prints one line per missing capability with the number of tests it
 * skipped ({@code i386 execution: not available on this kernel — 2 tests skipped}), from the
 * skip messages that core's {@code MachineCapability} writes ({@code [machine] NAME: ABSENCE (DETAIL) — ...}).
 * Other skips are counted on one more line. Run as {@code java scripts/SkippedCapabilities.java DIR...}.
 */
public final class SkippedCapabilities {
    private static final String MARK = "[machine] ";

    public static void main(String[] args) throws Exception {
        Map<String, Integer> missing = new TreeMap<>();
        Map<String, String> example = new TreeMap<>();
        int others = 0;
        for (String message : skipMessages(args)) {
            int mark = message.indexOf(MARK);
            String text = mark < 0 ? "" : message.substring(mark + MARK.length());
            if (text.contains(" (")) {
                String capability = text.substring(0, text.indexOf(" ("));
                missing.merge(capability, 1, Integer::sum);
                example.putIfAbsent(capability, text);
            } else {
                others++;
            }
        }
        if (missing.isEmpty()) {
            System.out.println("every machine capability the tests ask for was there");
        }
        missing.forEach((capability, count) -> System.out.println(capability + " — " + count + " test"
                + (count == 1 ? "" : "s") + " skipped"));
        missing.forEach((capability, count) -> System.out.println("  " + example.get(capability)));
        if (others > 0) {
            System.out.println(others + " other test" + (others == 1 ? "" : "s")
                    + " skipped for reasons of their own (in the reports: target/*-reports)");
        }
    }

    private static List<String> skipMessages(String[] roots) throws Exception {
        List<Path> reports = new ArrayList<>();
        for (String root : roots) {
            try (Stream<Path> walk = Files.walk(Path.of(root))) {
                walk.filter(p -> p.getFileName().toString().matches("TEST-.*\\.xml"))
                        .filter(p -> p.getParent().getFileName().toString().matches("(surefire|failsafe)-reports"))
                        .forEach(reports::add);
            } catch (IOException e) {
                System.err.println(root + ": " + e.getMessage());
            }
        }
        List<String> messages = new ArrayList<>();
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        for (Path report : reports) {
            NodeList skipped = factory.newDocumentBuilder().parse(report.toFile()).getElementsByTagName("skipped");
            for (int i = 0; i < skipped.getLength(); i++) {
                // Surefire writes the reason as the message attribute, or as the exception's
                // text ("...TestAbortedException: Assumption failed: REASON" and a stack trace).
                Element element = (Element) skipped.item(i);
                String message = element.getAttribute("message");
                messages.add(message.isEmpty() ? element.getTextContent().lines().findFirst().orElse("") : message);
            }
        }
        return messages;
    }
}
