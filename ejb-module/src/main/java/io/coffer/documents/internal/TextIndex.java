package io.coffer.documents.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The SQL of full-text search (docs/features/search.md): the queue of versions to extract, their text per page with its
 * {@code tsvector}, the tenant's language, and the one query. Always in the caller's tenant transaction (RLS binds the
 * tenant); what may be searched (the scope) is decided above, by datarooms' permission rule or a link's.
 */
@ApplicationScoped
public class TextIndex {

    /** The languages a tenant may choose: each a text search configuration that unaccents, then stems. */
    public static final List<String> LANGUAGES = List.of("english", "german", "simple");
    public static final String DEFAULT_LANGUAGE = "english";
    /** Tries of a version's extraction before it is given up (found by name only then). */
    static final int TRIES = 3;
    /** How far a search pages: results past it are not worth a reader's time and cost the ranking. */
    public static final int MAX_OFFSET = 1000;

    private static final String NATIVE = "eclipselink.jdbc.allow-native-sql-query";

    @PersistenceContext(unitName = "coffer")
    EntityManager em;

    private jakarta.persistence.Query nativeQuery(String sql) {
        return em.createNativeQuery(sql).setHint(NATIVE, true);
    }

    private static UUID uuid(Object o) {
        return o instanceof UUID u ? u : UUID.fromString(o.toString());
    }

    /** A version waiting for its text: what extraction needs to read it. */
    public record Pending(UUID versionId, UUID documentId, String blobId, long size, String contentType,
                          String renditionBlobId, Long renditionSize, boolean newest) {
    }

    /** One result row before the web layer shapes it: {@code page} null for a match of the name. */
    public record Row(UUID documentId, Integer page, String snippet, double score) {
    }

    /** Queues a version just stored (in its transaction, SR-3: queued with the version or not at all). */
    public void queue(UUID versionId, Instant now) {
        nativeQuery("insert into document_text_queue (version_id, tenant_id, queued_at)"
                        + " select id, tenant_id, cast(?2 as timestamptz) from document_versions where id = cast(?1 as uuid)")
                .setParameter(1, versionId.toString()).setParameter(2, Timestamp.from(now)).executeUpdate();
    }

    /**
     * Queues the newest version of every document of the tenant that has no queue row (versions stored before search
     * existed; a tenant's language changed: {@link #requeueAll}). Answers how many.
     */
    public int queueMissing(Instant now) {
        return nativeQuery("insert into document_text_queue (version_id, tenant_id, queued_at)"
                        + " select v.id, v.tenant_id, cast(?1 as timestamptz) from document_versions v"
                        + " where not exists (select 1 from document_versions n where n.tenant_id = v.tenant_id"
                        + "   and n.document_id = v.document_id and n.version > v.version)"
                        + " and v.scan_status = 'READY'" // FR-9: an unscanned or quarantined file is never read
                        + " and not exists (select 1 from document_text_queue q where q.version_id = v.id)")
                .setParameter(1, Timestamp.from(now)).executeUpdate();
    }

    /** Up to {@code limit} versions waiting, oldest first, locked for this transaction (other instances skip them). */
    @SuppressWarnings("unchecked")
    public List<Pending> pending(int limit) {
        List<Object[]> rows = nativeQuery("select v.id, v.document_id, v.blob_id, v.size, v.content_type,"
                        + " v.rendition_blob_id, v.rendition_size, not exists (select 1 from document_versions n"
                        + "   where n.tenant_id = v.tenant_id and n.document_id = v.document_id"
                        + "   and n.version > v.version)"
                        + " from document_text_queue q join document_versions v on v.id = q.version_id"
                        + " where q.done_at is null order by q.queued_at, q.version_id limit ?1"
                        + " for update of q skip locked")
                .setParameter(1, limit).getResultList();
        List<Pending> out = new ArrayList<>();
        for (Object[] r : rows) {
            out.add(new Pending(uuid(r[0]), uuid(r[1]), (String) r[2], ((Number) r[3]).longValue(), (String) r[4],
                    (String) r[5], r[6] == null ? null : ((Number) r[6]).longValue(), (Boolean) r[7]));
        }
        return out;
    }

    /**
     * The version's text, page by page (page 1 first; a text without pages is one page 0), replacing what the
     * document had (an older version's text goes: SR-3), in the tenant's language; the queue row is done.
     */
    public void store(Pending version, List<String> pages, boolean paged, Instant now) {
        nativeQuery("delete from document_text where document_id = cast(?1 as uuid)")
                .setParameter(1, version.documentId().toString()).executeUpdate();
        String config = config(language());
        for (int i = 0; i < pages.size(); i++) {
            String body = clean(pages.get(i));
            if (body.isBlank()) {
                continue;
            }
            nativeQuery("insert into document_text (tenant_id, version_id, document_id, page, body, tsv)"
                            + " select v.tenant_id, v.id, v.document_id, ?2, ?3, to_tsvector(cast(?4 as regconfig), ?3)"
                            + " from document_versions v where v.id = cast(?1 as uuid)")
                    .setParameter(1, version.versionId().toString()).setParameter(2, paged ? i + 1 : 0).setParameter(3, body)
                    .setParameter(4, config).executeUpdate();
        }
        done(version.versionId(), now);
    }

    /** The version needs no text (not the newest any more, or nothing to read): done without rows. */
    public void done(UUID versionId, Instant now) {
        nativeQuery("update document_text_queue set done_at = cast(?2 as timestamptz) where version_id = cast(?1 as uuid)")
                .setParameter(1, versionId.toString()).setParameter(2, Timestamp.from(now)).executeUpdate();
    }

    /** One more failed try; after {@link #TRIES} the version is given up (done, found by its name only). */
    public void failed(UUID versionId, Instant now) {
        nativeQuery("update document_text_queue set tries = tries + 1,"
                        + " done_at = case when tries + 1 >= ?3 then cast(?2 as timestamptz) else null end where version_id = cast(?1 as uuid)")
                .setParameter(1, versionId.toString()).setParameter(2, Timestamp.from(now)).setParameter(3, TRIES)
                .executeUpdate();
    }

    /** The tenant's search language ({@link #DEFAULT_LANGUAGE} until chosen). */
    public String language() {
        List<?> rows = nativeQuery("select language from search_settings").getResultList();
        return rows.isEmpty() ? DEFAULT_LANGUAGE : (String) rows.get(0);
    }

    /** Chooses the tenant's language; when it changed, every newest version is extracted again in it. */
    public boolean setLanguage(String language, Instant now) {
        if (language.equals(language())) {
            return false;
        }
        nativeQuery("insert into search_settings (tenant_id, language)"
                        + " values (nullif(current_setting('coffer.tenant', true), '')::uuid, ?1)"
                        + " on conflict (tenant_id) do update set language = excluded.language")
                .setParameter(1, language).executeUpdate();
        requeueAll(now);
        return true;
    }

    private void requeueAll(Instant now) {
        nativeQuery("update document_text_queue set done_at = null, tries = 0, queued_at = cast(?1 as timestamptz)")
                .setParameter(1, Timestamp.from(now)).executeUpdate();
        queueMissing(now);
    }

    /**
     * The search itself (SR-1..SR-4): the pages of the newest version of the documents in {@code scope}, and their
     * names (as {@link #words}; the snippet of a name is those words), that match {@code query} in the tenant's language, best first (a name counts twice a page), from
     * {@code offset}; snippets with «» around the matches, made for the answered rows only. The matching pages come
     * from {@code coffer_text_matches} (the owner's function, changeset documents-4): under row-level security
     * PostgreSQL would not use the GIN index for {@code @@}, which is not leakproof, and scanned every page of the
     * tenant (SearchBenchIT: over 1.5 s, the statement timeout, for 200,000 pages).
     */
    @SuppressWarnings("unchecked")
    public List<Row> find(String query, List<UUID> scope, List<String> names, int limit, int offset) {
        if (scope.isEmpty()) {
            return List.of();
        }
        String config = config(language());
        List<Object[]> rows = nativeQuery("with scope as materialized ("
                        + "   select * from jsonb_to_recordset(cast(?1 as jsonb)) as s(document_id uuid, words text)),"
                        + " q as materialized (select websearch_to_tsquery(cast(?2 as regconfig), ?3) as query),"
                        + " matches as materialized (select m.document_id, m.page, m.version_id, m.score"
                        + "   from coffer_text_matches((select query from q)) m),"
                        + " hits as ("
                        + "   select t.document_id, t.page, t.version_id, t.score"
                        + "   from matches t"
                        + "   where t.document_id in (select document_id from scope)"
                        + "   and not exists (select 1 from document_versions v, document_versions n"
                        + "     where v.id = t.version_id and n.tenant_id = v.tenant_id"
                        + "     and n.document_id = v.document_id and n.version > v.version)"
                        + "   union all"
                        + "   select s.document_id, null, null, 2 * ts_rank_cd(to_tsvector(cast(?2 as regconfig),"
                        + "     s.words), q.query)"
                        + "   from scope s cross join q where to_tsvector(cast(?2 as regconfig), s.words) @@ q.query),"
                        + " best as (select * from hits order by score desc, document_id, page nulls first"
                        + "   limit ?4 offset ?5)"
                        + " select b.document_id, b.page, case when b.page is null"
                        + "   then ts_headline(cast(?2 as regconfig), s.words, q.query, ?6)"
                        + "   else ts_headline(cast(?2 as regconfig), t.body, q.query, ?6) end, b.score"
                        + " from best b cross join q join scope s on s.document_id = b.document_id"
                        + " left join document_text t on t.version_id = b.version_id and t.page = b.page"
                        + " order by b.score desc, b.document_id, b.page nulls first")
                .setParameter(1, scopeJson(scope, names))
                .setParameter(2, config).setParameter(3, query).setParameter(4, limit).setParameter(5, offset)
                .setParameter(6, "StartSel=«, StopSel=», MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2,"
                        + " FragmentDelimiter=\" … \"")
                .getResultList();
        List<Row> out = new ArrayList<>();
        for (Object[] r : rows) {
            out.add(new Row(uuid(r[0]), r[1] == null ? null : ((Number) r[1]).intValue(), (String) r[2],
                    ((Number) r[3]).doubleValue()));
        }
        return out;
    }

    /**
     * The scope as JSON rows {@code [{document_id, words}]} (JSON-P escapes what names hold), each name as the words it
     * is made of ({@link #words}).
     */
    static String scopeJson(List<UUID> scope, List<String> names) {
        jakarta.json.JsonArrayBuilder rows = io.coffer.shared.JsonP.createArrayBuilder();
        for (int i = 0; i < scope.size(); i++) {
            rows.add(io.coffer.shared.JsonP.createObjectBuilder().add("document_id", scope.get(i).toString())
                    .add("words", words(names.get(i))));
        }
        return rows.build().toString();
    }

    /**
     * A file name as words: without its extension, dots, underscores and dashes as spaces. PostgreSQL's parser reads
     * "q3_report-final.pdf" as one host name, which no query word would match.
     */
    static String words(String name) {
        String base = name.replaceFirst("\\.[^.\\s]{1,8}$", "");
        return base.replaceAll("[._\\-/\\\\]+", " ").strip();
    }

    /** The text search configuration of a language ({@link #LANGUAGES}; anything else is refused, never spliced). */
    static String config(String language) {
        String l = language.toLowerCase(Locale.ROOT);
        if (!LANGUAGES.contains(l)) {
            throw new IllegalArgumentException("no such search language: " + language);
        }
        return "coffer_" + l;
    }

    /** PostgreSQL text cannot hold NUL; other control characters are spaces to the parser anyway. */
    static String clean(String text) {
        return text.replace('\0', ' ');
    }

    /** Whether a language is one of {@link #LANGUAGES}. */
    public static Optional<String> known(String language) {
        return language == null ? Optional.empty()
                : LANGUAGES.stream().filter(l -> l.equals(language.toLowerCase(Locale.ROOT))).findFirst();
    }
}
