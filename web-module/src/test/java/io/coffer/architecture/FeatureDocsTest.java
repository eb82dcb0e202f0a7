package io.coffer.architecture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The method, checked: every feature doc (docs/features/*.md) has the sections of the template and links at least one
 * strategy doc that exists; invariants carry ids, and every invariant id is named by a test (testing.md: "An
 * invariant without a test is a wish").
 */
class FeatureDocsTest {

    static final List<String> SECTIONS = List.of("## Strategy", "## Boundaries", "## Flows", "## Invariants",
            "## Out of scope", "## Design decisions");
    static final Pattern STRATEGY_LINK = Pattern.compile("\\]\\((\\.\\./strategy/[^)#]+\\.md)(#[^)]*)?\\)");
    static final Pattern INVARIANT_ID = Pattern.compile("\\b[A-Z]{2,4}-\\d+\\b");
    /** An invariant's own line in a feature doc's Invariants section: {@code - **FD-9** ...}. */
    static final Pattern INVARIANT_LINE = Pattern.compile("^- \\*\\*([A-Z]{2,4}-\\d+)\\*\\*(.*)$");
    /**
     * The marker of an invariant that is a design statement no test can prove; it stands right after the id, and
     * the doc says why beside it. Used sparingly: every other invariant must be named by a test.
     */
    static final String NO_TEST = "(design, no test)";
    /** Test method names carry their ids in lower case before the words: {@code fd9_fd11_postgresKilled...}. */
    static final Pattern METHOD_IDS = Pattern.compile("(?<![A-Za-z0-9_])((?:[a-z]{2,4}\\d+_)+)[a-zA-Z]");
    static final Pattern STRING_LITERAL = Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\.)*\"");
    /** Where the tests live. */
    static final List<String> TEST_ROOTS = List.of("ear/src/test", "ejb-module/src/test", "web-module/src/test");

    static Path repoRoot() {
        String configured = System.getProperty("coffer.repo.root");
        Path root = configured != null ? Path.of(configured) : Path.of("..");
        return Files.isDirectory(root.resolve("docs")) ? root : Path.of("..");
    }

    static List<Path> featureDocs() throws IOException {
        try (Stream<Path> files = Files.list(repoRoot().resolve("docs/features"))) {
            return files.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        }
    }

    @Test
    void thereIsATemplateAndAtLeastOneFeatureDoc() throws IOException {
        List<Path> docs = featureDocs();
        assertTrue(docs.stream().anyMatch(p -> p.getFileName().toString().equals("_template.md")), "template");
        assertTrue(docs.size() >= 2, "at least one feature doc beside the template");
    }

    @Test
    void everyFeatureDocHasTheTemplatesSectionsAndLinksAStrategyDoc() throws IOException {
        for (Path doc : featureDocs()) {
            String text = Files.readString(doc);
            for (String section : SECTIONS) {
                assertTrue(text.lines().anyMatch(line -> line.trim().equals(section)),
                        doc.getFileName() + " lacks the section '" + section + "'");
            }
            Matcher link = STRATEGY_LINK.matcher(text);
            boolean linked = false;
            while (link.find()) {
                linked = true;
                Path target = doc.getParent().resolve(link.group(1)).normalize();
                assertTrue(Files.exists(target), doc.getFileName() + " links a missing strategy doc: " + target);
            }
            assertTrue(linked, doc.getFileName() + " links no docs/strategy doc");
            if (!doc.getFileName().toString().startsWith("_")) {
                String invariants = text.substring(text.indexOf("## Invariants"), text.indexOf("## Out of scope"));
                assertTrue(INVARIANT_ID.matcher(invariants).find(), doc.getFileName() + " has no invariant ids");
                assertFalse(text.contains("TODO"), doc.getFileName() + " is unfinished (TODO)");
            }
        }
    }

    /**
     * Every invariant id defined in docs/features/*.md ({@code - **XX-N**} in its Invariants section) is named by a
     * test: in a test method's name ({@code xxN_...}, lower case, as testing.md asks) or in a string of a test's
     * source (a display name, an assertion message), under ear, ejb-module or web-module {@code src/test}. A Javadoc
     * or comment naming an id does not count. An invariant marked {@value #NO_TEST} right after its id is a design
     * statement and is exempt.
     */
    @Test
    void everyInvariantIdIsNamedByATest() throws IOException {
        Set<String> named = namedByTests();
        List<String> unnamed = new ArrayList<>();
        for (Path doc : featureDocs()) {
            if (doc.getFileName().toString().startsWith("_")) {
                continue;
            }
            String text = Files.readString(doc);
            String invariants = text.substring(text.indexOf("## Invariants"), text.indexOf("## Out of scope"));
            for (String line : invariants.lines().toList()) {
                Matcher m = INVARIANT_LINE.matcher(line);
                if (m.matches() && !m.group(2).trim().startsWith(NO_TEST) && !named.contains(m.group(1))) {
                    unnamed.add(m.group(1) + " (" + doc.getFileName() + ")");
                }
            }
        }
        assertTrue(unnamed.isEmpty(), unnamed.size() + " invariant(s) named by no test method name (xxN_...) or test"
                + " string: " + unnamed);
    }

    /** The ids named by the tests, upper case with a dash ({@code FD-9}). */
    static Set<String> namedByTests() throws IOException {
        Set<String> ids = new HashSet<>();
        for (String root : TEST_ROOTS) {
            Path dir = repoRoot().resolve(root);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            List<Path> sources;
            try (Stream<Path> files = Files.walk(dir)) {
                sources = files.filter(p -> p.toString().endsWith(".java")).toList();
            }
            for (Path source : sources) {
                String code = Files.readString(source);
                Matcher method = METHOD_IDS.matcher(code);
                while (method.find()) {
                    for (String id : method.group(1).split("_")) {
                        Matcher parts = Pattern.compile("([a-z]+)(\\d+)").matcher(id);
                        if (parts.matches()) {
                            ids.add(parts.group(1).toUpperCase(Locale.ROOT) + "-" + parts.group(2));
                        }
                    }
                }
                Matcher literal = STRING_LITERAL.matcher(code);
                while (literal.find()) {
                    Matcher id = INVARIANT_ID.matcher(literal.group());
                    while (id.find()) {
                        ids.add(id.group());
                    }
                }
            }
        }
        return ids;
    }
}
