package io.coffer.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * API-3: the Spectral ruleset at the repository's root extends {@code spectral:oas} and the OWASP ruleset, and every
 * rule it switches off has a written reason beside it (a comment above it or above its override's file list). The
 * lint itself (0 errors over the snapshot) runs in the web-module build, phase verify (tools/spectral/lint.sh).
 */
class ApiDescriptionRulesTest {

    static Path root() {
        return FeatureDocsTest.repoRoot();
    }

    @Test
    void api3_theRulesetExtendsOasAndOwaspAndEveryRuleSwitchedOffHasAWrittenReason() throws IOException {
        List<String> lines = Files.readAllLines(root().resolve(".spectral.yaml"));
        assertTrue(lines.stream().anyMatch(l -> l.trim().equals("- spectral:oas")), "extends spectral:oas");
        assertTrue(lines.stream().anyMatch(l -> l.trim().equals("- \"@stoplight/spectral-owasp-ruleset\"")),
                "extends @stoplight/spectral-owasp-ruleset");
        List<String> unexplained = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).matches("\\s+[\\w:.-]+:\\s*\"?off\"?\\s*")) {
                continue;
            }
            boolean reason = false;
            for (int j = i - 1; j >= 0; j--) {
                String above = lines.get(j);
                if (above.trim().startsWith("#")) {
                    reason = true;
                    break;
                }
                if (!above.startsWith(" ") || above.matches("\\s+[\\w:.-]+:\\s*\"?off\"?\\s*")) {
                    break; // a top-level key or another switched-off rule: this one has no reason of its own
                }
            }
            if (!reason) {
                unexplained.add((i + 1) + ": " + lines.get(i).trim());
            }
        }
        assertEquals(List.of(), unexplained, "rules switched off without a reason beside them");
    }

    @Test
    void api3_theLintRunsThePinnedSpectralOverTheSnapshotAndFailsOnErrors() throws IOException {
        String lint = Files.readString(root().resolve("tools/spectral/lint.sh"));
        assertTrue(lint.contains("--fail-severity error"), "the lint fails on errors");
        assertTrue(lint.contains("exit 1"), "a missing node fails the lint instead of skipping it");
        String lock = Files.readString(root().resolve("tools/spectral/package-lock.json"));
        assertTrue(lock.contains("\"node_modules/@stoplight/spectral-cli\"")
                && lock.contains("\"node_modules/@stoplight/spectral-owasp-ruleset\""), "pinned in the lock file");
        String pom = Files.readString(root().resolve("web-module/pom.xml"));
        assertTrue(pom.contains("tools/spectral/lint.sh") && pom.contains("<phase>verify</phase>"),
                "the web-module build runs the lint in verify");
        assertTrue(Files.exists(root().resolve("web-module/src/main/openapi/openapi.json")), "the snapshot");
    }
}
