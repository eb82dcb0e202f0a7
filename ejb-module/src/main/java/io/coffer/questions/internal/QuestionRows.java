package io.coffer.questions.internal;

import io.coffer.questions.Question;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The rows of {@code questions} and {@code answers}, in the caller's tenant transaction (RLS binds the tenant). */
@ApplicationScoped
public class QuestionRows {

    private static final String NATIVE = "eclipselink.jdbc.allow-native-sql-query";
    private static final String COLUMNS = "cast(id as text), cast(room_id as text), cast(document_id as text), page,"
            + " text, cast(asker_user as text), cast(asker_session as text), cast(link_id as text), status, created_at";
    /** At most this many questions per room list (newest first); older ones are the room's history. */
    public static final int LIST_LIMIT = 1000;

    @PersistenceContext(unitName = "coffer")
    EntityManager em;

    /** A question as stored. */
    public record Row(UUID id, UUID room, UUID document, Integer page, String text, UUID askerUser,
                      UUID askerSession, UUID link, String status, Instant createdAt) {
    }

    /** Stores an OPEN question of the tenant bound to the transaction (RLS refuses any other). */
    public UUID insert(UUID tenant, UUID room, UUID document, Integer page, String text, UUID askerUser,
                       UUID askerSession, UUID link, Instant now) {
        UUID id = UUID.randomUUID();
        em.createNativeQuery("insert into questions (id, tenant_id, room_id, document_id, page, text, asker_user,"
                        + " asker_session, link_id, status, created_at) values (cast(?1 as uuid), cast(?2 as uuid),"
                        + " cast(?3 as uuid), cast(?4 as uuid), cast(?5 as integer), ?6, cast(?7 as uuid),"
                        + " cast(?8 as uuid), cast(?9 as uuid), 'OPEN', cast(?10 as timestamptz))")
                .setHint(NATIVE, true).setParameter(1, id.toString()).setParameter(2, tenant.toString())
                .setParameter(3, room.toString()).setParameter(4, document.toString()).setParameter(5, page)
                .setParameter(6, text).setParameter(7, str(askerUser)).setParameter(8, str(askerSession))
                .setParameter(9, str(link)).setParameter(10, Timestamp.from(now)).executeUpdate();
        return id;
    }

    /** The question, locked for this transaction (answers of one question are written one after the other). */
    public Optional<Row> find(UUID id) {
        List<?> rows = em.createNativeQuery("select " + COLUMNS + " from questions where id = cast(?1 as uuid)"
                        + " for update")
                .setHint(NATIVE, true).setParameter(1, id.toString()).getResultList();
        return rows.stream().map(o -> row((Object[]) o)).findFirst();
    }

    /** A room's questions, newest first, optionally of one status. */
    public List<Row> ofRoom(UUID room, String status) {
        List<?> rows = em.createNativeQuery("select " + COLUMNS + " from questions where room_id = cast(?1 as uuid)"
                        + " and (cast(?2 as text) is null or status = cast(?2 as text))"
                        + " order by created_at desc, id limit " + LIST_LIMIT)
                .setHint(NATIVE, true).setParameter(1, room.toString()).setParameter(2, status).getResultList();
        List<Row> out = new ArrayList<>();
        for (Object o : rows) {
            out.add(row((Object[]) o));
        }
        return out;
    }

    /** The answers of these questions, oldest first per question. */
    public Map<UUID, List<Question.Answer>> answersOf(Collection<UUID> questions) {
        Map<UUID, List<Question.Answer>> out = new LinkedHashMap<>();
        if (questions.isEmpty()) {
            return out;
        }
        List<?> rows = em.createNativeQuery("select cast(question_id as text), cast(id as text), text, published,"
                        + " created_at, cast(answered_by as text) from answers"
                        + " where question_id = any (cast(?1 as uuid[])) order by created_at, id")
                .setHint(NATIVE, true).setParameter(1, "{" + String.join(",", questions.stream()
                        .map(UUID::toString).toList()) + "}").getResultList();
        for (Object o : rows) {
            Object[] r = (Object[]) o;
            out.computeIfAbsent(UUID.fromString((String) r[0]), k -> new ArrayList<>()).add(new Question.Answer(
                    UUID.fromString((String) r[1]), (String) r[2], Boolean.TRUE.equals(r[3]), instant(r[4]),
                    UUID.fromString((String) r[5])));
        }
        return out;
    }

    /** Stores an answer and the question's new status; answers its id. */
    public UUID answer(UUID question, String text, boolean published, UUID by, String status, Instant now) {
        UUID id = UUID.randomUUID();
        em.createNativeQuery("insert into answers (id, tenant_id, question_id, text, published, answered_by,"
                        + " created_at) select cast(?1 as uuid), q.tenant_id, q.id, ?3, ?4, cast(?5 as uuid),"
                        + " cast(?6 as timestamptz) from questions q where q.id = cast(?2 as uuid)")
                .setHint(NATIVE, true).setParameter(1, id.toString()).setParameter(2, question.toString())
                .setParameter(3, text).setParameter(4, published).setParameter(5, by.toString())
                .setParameter(6, Timestamp.from(now)).executeUpdate();
        em.createNativeQuery("update questions set status = ?2, answered_at = cast(?3 as timestamptz)"
                        + " where id = cast(?1 as uuid)")
                .setHint(NATIVE, true).setParameter(1, question.toString()).setParameter(2, status)
                .setParameter(3, Timestamp.from(now)).executeUpdate();
        return id;
    }

    private static Row row(Object[] r) {
        return new Row(UUID.fromString((String) r[0]), UUID.fromString((String) r[1]),
                UUID.fromString((String) r[2]), r[3] == null ? null : ((Number) r[3]).intValue(), (String) r[4],
                uuid(r[5]), uuid(r[6]), uuid(r[7]), (String) r[8], instant(r[9]));
    }

    private static String str(UUID id) {
        return id == null ? null : id.toString();
    }

    private static UUID uuid(Object o) {
        return o == null ? null : UUID.fromString((String) o);
    }

    private static Instant instant(Object o) {
        return io.coffer.platform.InstantConverter.fromColumn(o);
    }
}
