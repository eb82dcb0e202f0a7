package io.coffer.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * AB-1: every parser Coffer owns has its Jazzer target, each with a committed inputs directory (where findings become
 * regression inputs), and the build's execution {@code fuzz} really fuzzes them ({@code JAZZER_FUZZ}, one JVM per
 * target, the duration from {@code fuzz.seconds}, five minutes under {@code -Pheavy}) while the default execution
 * leaves them to it.
 */
class FuzzTargetsTest {

    /** The parsers of issue 15 and their targets (module, class). */
    static final Map<String, String> TARGETS = Map.of(
            "Range header", "web-module:io/coffer/api/content/RangeHeaderFuzzTest",
            "file names", "web-module:io/coffer/api/content/FileNameFuzzTest",
            "JSON bodies", "web-module:io/coffer/api/JsonBodyFuzzTest",
            "item overrides", "web-module:io/coffer/api/sharelinks/LinkJsonFuzzTest",
            "Idempotency-Key filter", "web-module:io/coffer/api/idempotency/IdempotencyKeyFuzzTest",
            "email rules", "ejb-module:io/coffer/sharelinks/internal/EmailRulesFuzzTest");

    static final Pattern FUZZ_METHOD = Pattern.compile("@FuzzTest\\(maxDuration = \"\\d+s\"\\)\\s+void (\\w+)\\(");

    @Test
    void ab1_everyParserHasAFuzzTargetWithCommittedInputsThatTheBuildFuzzes() throws IOException {
        Path root = FeatureDocsTest.repoRoot();
        for (Map.Entry<String, String> t : TARGETS.entrySet()) {
            String[] parts = t.getValue().split(":");
            Path source = root.resolve(parts[0]).resolve("src/test/java").resolve(parts[1] + ".java");
            assertTrue(Files.isRegularFile(source), t.getKey() + ": " + source);
            Matcher m = FUZZ_METHOD.matcher(Files.readString(source));
            assertTrue(m.find(), t.getKey() + ": a @FuzzTest with a maxDuration in " + source);
            String method = m.group(1);
            assertTrue(method.matches("ab\\d+_.*"), "named by its invariant: " + method);
            assertTrue(!m.find(), "one @FuzzTest per class (Jazzer fuzzes one per JVM): " + source);
            Path inputs = root.resolve(parts[0]).resolve("src/test/resources").resolve(parts[1] + "Inputs")
                    .resolve(method);
            assertTrue(Files.isDirectory(inputs), t.getKey() + ": committed inputs in " + inputs);
        }
        String pom = Files.readString(root.resolve("pom.xml"));
        String fuzz = pom.substring(pom.indexOf("<id>fuzz</id>"), pom.indexOf("</execution>", pom.indexOf("<id>fuzz</id>")));
        for (String needed : List.of("<JAZZER_FUZZ>1</JAZZER_FUZZ>", "<groups>jazzer</groups>",
                "<reuseForks>false</reuseForks>", "-max_total_time=${fuzz.seconds}")) {
            assertTrue(fuzz.contains(needed), "the execution fuzz has " + needed);
        }
        assertTrue(pom.contains("<excludedGroups>jazzer</excludedGroups>"), "the default execution leaves them out");
        Matcher heavy = Pattern.compile("<id>heavy</id>.*?<fuzz.seconds>(\\d+)</fuzz.seconds>", Pattern.DOTALL)
                .matcher(pom);
        assertTrue(heavy.find(), "-Pheavy sets fuzz.seconds");
        assertEquals("300", heavy.group(1), "five minutes per target under -Pheavy");
    }
}
