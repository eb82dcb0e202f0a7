package io.coffer.architecture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The method, checked: every feature doc (docs/features/*.md) has the sections of the template and links at least one
 * strategy doc that exists; invariants carry ids.
 */
class FeatureDocsTest {

    static final List<String> SECTIONS = List.of("## Strategy", "## Boundaries", "## Flows", "## Invariants",
            "## Out of scope", "## Design decisions");
    static final Pattern STRATEGY_LINK = Pattern.compile("\\]\\((\\.\\./strategy/[^)#]+\\.md)(#[^)]*)?\\)");
    static final Pattern INVARIANT_ID = Pattern.compile("\\b[A-Z]{2,4}-\\d+\\b");

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
}
