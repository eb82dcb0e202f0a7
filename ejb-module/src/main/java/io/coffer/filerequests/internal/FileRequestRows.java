package io.coffer.filerequests.internal;

import io.coffer.filerequests.FileRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The rows of {@code file_requests} and {@code file_request_files}, in the caller's tenant transaction (RLS). */
@ApplicationScoped
public class FileRequestRows {

    private static final String NATIVE = "eclipselink.jdbc.allow-native-sql-query";
    private static final String COLUMNS = "cast(id as text), token_hash, cast(room_id as text), cast(folder_id as text),"
            + " name, expires_at, max_file_bytes, allowed_types, require_email, password_hash, max_files, files_count,"
            + " cast(created_by as text), created_at";
    private static final String TENANT = "nullif(current_setting('coffer.tenant', true), '')::uuid";

    @PersistenceContext(unitName = "coffer")
    EntityManager em;

    /** A live request as stored. */
    public record Row(UUID id, String tokenHash, UUID room, UUID folder, String name, Instant expiresAt,
                      Long maxFileBytes, List<String> allowedTypes, boolean requireEmail, String passwordHash,
                      Integer maxFiles, int filesCount, UUID createdBy, Instant createdAt) {

        public FileRequest view() {
            return new FileRequest(id, room, folder, name, expiresAt, maxFileBytes, allowedTypes, requireEmail,
                    passwordHash != null, maxFiles, filesCount, createdBy, createdAt);
        }

        /** Open for files at {@code now}: not expired, not full (FR-4). */
        public boolean open(Instant now) {
            return (expiresAt == null || now.isBefore(expiresAt)) && (maxFiles == null || filesCount < maxFiles);
        }
    }

    public void insert(Row r) {
        query("insert into file_requests (id, tenant_id, token_hash, room_id, folder_id, name, expires_at,"
                + " max_file_bytes, allowed_types, require_email, password_hash, max_files, files_count, created_by,"
                + " created_at) values (cast(?1 as uuid), " + TENANT + ", ?2, cast(?3 as uuid), cast(?4 as uuid), ?5,"
                + " cast(?6 as timestamptz), cast(?7 as bigint), cast(?8 as text), ?9, cast(?10 as text),"
                + " cast(?11 as integer), 0, cast(?12 as uuid), cast(?13 as timestamptz))")
                .setParameter(1, r.id().toString()).setParameter(2, r.tokenHash())
                .setParameter(3, r.room().toString()).setParameter(4, r.folder() == null ? null : r.folder().toString())
                .setParameter(5, r.name()).setParameter(6, ts(r.expiresAt())).setParameter(7, r.maxFileBytes())
                .setParameter(8, joined(r.allowedTypes())).setParameter(9, r.requireEmail())
                .setParameter(10, r.passwordHash()).setParameter(11, r.maxFiles())
                .setParameter(12, r.createdBy().toString()).setParameter(13, ts(r.createdAt())).executeUpdate();
    }

    /** A live request, locked for this transaction when {@code lock}. */
    public Optional<Row> find(UUID id, boolean lock) {
        return one(query("select " + COLUMNS + " from file_requests where id = cast(?1 as uuid)"
                + " and deleted_at is null" + (lock ? " for update" : "")).setParameter(1, id.toString()));
    }

    public Optional<Row> byTokenHash(String hash) {
        return one(query("select " + COLUMNS + " from file_requests where token_hash = ?1 and deleted_at is null")
                .setParameter(1, hash));
    }

    /** A room's live requests, oldest first (at most 1,000). */
    public List<Row> ofRoom(UUID room) {
        return all(query("select " + COLUMNS + " from file_requests where room_id = cast(?1 as uuid)"
                + " and deleted_at is null order by created_at, id limit 1000").setParameter(1, room.toString()));
    }

    public void update(Row r) {
        query("update file_requests set folder_id = cast(?2 as uuid), name = ?3, expires_at = cast(?4 as timestamptz),"
                + " max_file_bytes = cast(?5 as bigint), allowed_types = cast(?6 as text), require_email = ?7,"
                + " password_hash = cast(?8 as text), max_files = cast(?9 as integer)"
                + " where id = cast(?1 as uuid)").setParameter(1, r.id().toString())
                .setParameter(2, r.folder() == null ? null : r.folder().toString()).setParameter(3, r.name())
                .setParameter(4, ts(r.expiresAt())).setParameter(5, r.maxFileBytes())
                .setParameter(6, joined(r.allowedTypes())).setParameter(7, r.requireEmail())
                .setParameter(8, r.passwordHash()).setParameter(9, r.maxFiles()).executeUpdate();
    }

    public void delete(UUID id, Instant now) {
        query("update file_requests set deleted_at = cast(?2 as timestamptz) where id = cast(?1 as uuid)")
                .setParameter(1, id.toString()).setParameter(2, ts(now)).executeUpdate();
    }

    /**
     * Takes one of the request's places for a file (FR-4): one conditional update, so uploads at the same moment
     * never pass {@code max_files}; false when it is full, expired or deleted now.
     */
    public boolean take(UUID id, Instant now) {
        return query("update file_requests set files_count = files_count + 1 where id = cast(?1 as uuid)"
                + " and deleted_at is null and (expires_at is null or expires_at > cast(?2 as timestamptz))"
                + " and (max_files is null or files_count < max_files)")
                .setParameter(1, id.toString()).setParameter(2, ts(now)).executeUpdate() == 1;
    }

    public void addFile(UUID id, UUID request, UUID document, String name, long size, String sha256, String email,
                        Instant now) {
        query("insert into file_request_files (id, tenant_id, request_id, document_id, name, size, sha256, email,"
                + " created_at) values (cast(?1 as uuid), " + TENANT + ", cast(?2 as uuid), cast(?3 as uuid), ?4, ?5,"
                + " ?6, cast(?7 as text), cast(?8 as timestamptz))").setParameter(1, id.toString())
                .setParameter(2, request.toString()).setParameter(3, document.toString()).setParameter(4, name)
                .setParameter(5, size).setParameter(6, sha256).setParameter(7, email).setParameter(8, ts(now))
                .executeUpdate();
    }

    /** The files a request received, newest first (at most 1,000). */
    public List<FileRequest.File> files(UUID request) {
        List<?> rows = query("select cast(id as text), cast(document_id as text), name, size, sha256, email,"
                + " created_at from file_request_files where request_id = cast(?1 as uuid)"
                + " order by created_at desc, id limit 1000").setParameter(1, request.toString()).getResultList();
        List<FileRequest.File> out = new ArrayList<>();
        for (Object o : rows) {
            Object[] r = (Object[]) o;
            out.add(new FileRequest.File(UUID.fromString((String) r[0]), UUID.fromString((String) r[1]),
                    (String) r[2], ((Number) r[3]).longValue(), (String) r[4], (String) r[5], instant(r[6])));
        }
        return out;
    }

    /** Erases the senders' email {@code email} from every received file of the tenant (POST /privacy/erasure). */
    public int eraseEmail(String email) {
        return query("update file_request_files set email = null where lower(email) = lower(?1)")
                .setParameter(1, email).executeUpdate();
    }

    /** Empties the senders' emails of files received before {@code cutoff} (retention). */
    public int dropEmailsBefore(Instant cutoff) {
        return query("update file_request_files set email = null where email is not null"
                + " and created_at < cast(?1 as timestamptz)").setParameter(1, ts(cutoff)).executeUpdate();
    }

    private Query query(String sql) {
        return em.createNativeQuery(sql).setHint(NATIVE, true);
    }

    private static Optional<Row> one(Query q) {
        return all(q).stream().findFirst();
    }

    private static List<Row> all(Query q) {
        List<Row> out = new ArrayList<>();
        for (Object o : q.getResultList()) {
            Object[] r = (Object[]) o;
            out.add(new Row(UUID.fromString((String) r[0]), (String) r[1], UUID.fromString((String) r[2]),
                    r[3] == null ? null : UUID.fromString((String) r[3]), (String) r[4], instant(r[5]),
                    r[6] == null ? null : ((Number) r[6]).longValue(), split((String) r[7]), (Boolean) r[8],
                    (String) r[9], r[10] == null ? null : ((Number) r[10]).intValue(), ((Number) r[11]).intValue(),
                    UUID.fromString((String) r[12]), instant(r[13])));
        }
        return out;
    }

    private static String joined(List<String> types) {
        return types == null || types.isEmpty() ? null : String.join("\n", types);
    }

    private static List<String> split(String stored) {
        return stored == null || stored.isEmpty() ? List.of() : List.copyOf(Arrays.asList(stored.split("\n")));
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant instant(Object o) {
        return io.coffer.platform.InstantConverter.fromColumn(o);
    }
}
