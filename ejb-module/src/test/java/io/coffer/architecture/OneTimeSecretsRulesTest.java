package io.coffer.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * FD-30, FD-31: everything used once (tokens, tickets, invitations, email codes) is redeemed by one conditional update
 * in one class of {@code tenancy}, and only {@code tenancy} writes the global {@code token_index}. Read from the
 * sources (query strings) and the compiled classes.
 */
class OneTimeSecretsRulesTest {

    static final Path SOURCES = Path.of("src/main/java");
    /** A single-use update's condition, in JPQL ({@code t.usedAt is null}) or SQL ({@code used_at is null}). */
    static final Pattern USED_ONCE = Pattern.compile("\\b(?:\\w+\\.)?used_?at\\s+is\\s+null\\b",
            Pattern.CASE_INSENSITIVE);
    /** A string literal (possessive: no backtracking over a long file). */
    static final Pattern LITERAL = Pattern.compile("\"(?:[^\"\\\\\n]++|\\\\.)*+\"");
    static final Pattern TOKEN_INDEX = Pattern.compile("\\btoken_index\\b|\\bTokenIndexEntity\\b");
    static final Pattern QUERY = Pattern.compile("\\b(?:select|update|insert|delete|from|into|join)\\b",
            Pattern.CASE_INSENSITIVE);

    /** Each main source file whose string literals match {@code pattern}, with the matches. */
    static Map<String, List<String>> literalsMatching(Pattern pattern) {
        Map<String, List<String>> found = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                List<String> hits = new java.util.ArrayList<>();
                Matcher literal = LITERAL.matcher(Files.readString(file));
                while (literal.find()) {
                    if (pattern == TOKEN_INDEX && !QUERY.matcher(literal.group()).find()) {
                        continue; // a table's name in a list, not a query on it
                    }
                    Matcher m = pattern.matcher(literal.group());
                    while (m.find()) {
                        hits.add(m.group());
                    }
                }
                if (!hits.isEmpty()) {
                    found.put(SOURCES.relativize(file).toString(), hits);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    @Test
    void fd30_theSingleUseConditionalUpdateIsWrittenInExactlyOneClass() {
        assertTrue(Files.isDirectory(SOURCES), "run from ejb-module: " + SOURCES.toAbsolutePath());
        Map<String, List<String>> found = literalsMatching(USED_ONCE);
        assertEquals(List.of("io/coffer/tenancy/internal/TokenIndex.java"), List.copyOf(found.keySet()),
                "the 'used_at is null' redemption of a secret lives in one class: " + found);
        assertEquals(1, found.values().iterator().next().size(), "and once in it: " + found);
    }

    @Test
    void fd31_onlyTenancyReadsOrWritesTheTokenIndex() {
        Map<String, List<String>> found = literalsMatching(TOKEN_INDEX);
        found.keySet().removeIf(file -> file.startsWith("io/coffer/tenancy/"));
        assertEquals(Map.of(), found, "queries on token_index outside tenancy");
        noClasses().that().resideOutsideOfPackage("io.coffer.tenancy..")
                .should().dependOnClassesThat().haveSimpleName("TokenIndexEntity")
                .because("only tenancy's OneTimeSecrets writes the global token_index (FD-31)")
                .check(EjbModuleRulesTest.EJB_CLASSES);
        noClasses().that().resideOutsideOfPackage("io.coffer.tenancy..")
                .should().callMethod(io.coffer.shared.Secrets.class, "newToken")
                .because("secrets are issued by tenancy's OneTimeSecrets, which registers them (FD-31)")
                .check(EjbModuleRulesTest.EJB_CLASSES);
    }

    @Test
    void doc30_memberAndVisitorTicketsHaveOneTableAndOneLifetime() {
        List<String> ticketTables = new java.util.ArrayList<>();
        List<String> ticketLifetimes = new java.util.ArrayList<>();
        for (com.tngtech.archunit.core.domain.JavaClass c : EjbModuleRulesTest.EJB_CLASSES) {
            c.tryGetAnnotationOfType(jakarta.persistence.Table.class)
                    .filter(t -> t.name().toLowerCase(java.util.Locale.ROOT).contains("ticket"))
                    .ifPresent(t -> ticketTables.add(c.getName() + " -> " + t.name()));
            for (com.tngtech.archunit.core.domain.JavaField f : c.getFields()) {
                boolean aboutTickets = (c.getSimpleName() + f.getName()).toLowerCase(java.util.Locale.ROOT)
                        .contains("ticket");
                if (aboutTickets && f.getRawType().isEquivalentTo(java.time.Duration.class)
                        && f.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.STATIC)) {
                    ticketLifetimes.add(f.getFullName());
                }
            }
        }
        assertEquals(List.of("io.coffer.documents.internal.TicketEntity -> download_tickets"), ticketTables,
                "one table for the download tickets of members and visitors");
        assertEquals(List.of("io.coffer.documents.Tickets.LIFETIME"), ticketLifetimes, "one ticket lifetime");
    }
}
