package io.coffer.documents.internal;

import io.coffer.shared.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The rows of {@code resumable_uploads} (in the caller's tenant transaction) and the partial bytes of each upload: a
 * file {@code COFFER_HOME/uploads/<tenant>/<id>} of this instance (DOC-61). Its length, after {@code force}, is what
 * the server has durably received: the upload's offset.
 */
@ApplicationScoped
public class PartialFiles {

    private static final String NATIVE = "eclipselink.jdbc.allow-native-sql-query";

    @PersistenceContext(unitName = "coffer")
    EntityManager em;

    @Inject
    Renditions layout; // the one class that lays out the home (DOC-34)

    public void add(ResumableUploadEntity upload) {
        em.persist(upload);
        em.flush();
    }

    public Optional<ResumableUploadEntity> find(UUID id) {
        return Optional.ofNullable(em.find(ResumableUploadEntity.class, id));
    }

    public void remove(UUID id) {
        em.createQuery("delete from ResumableUploadEntity u where u.id = :id").setParameter("id", id).executeUpdate();
    }

    /**
     * Up to {@code limit} uploads of {@code tenant} expired before {@code now}, locked for this transaction and skipped
     * by any other instance sweeping at the same time (DOC-66).
     */
    @SuppressWarnings("unchecked")
    public List<UUID> lockExpired(TenantId tenant, Instant now, int limit) {
        List<Object> ids = em.createNativeQuery("select id from resumable_uploads where tenant_id = ?1"
                        + " and expires_at < ?2 order by expires_at limit ?3 for update skip locked")
                .setHint(NATIVE, true)
                .setParameter(1, tenant.value()).setParameter(2, java.sql.Timestamp.from(now))
                .setParameter(3, limit).getResultList();
        return ids.stream().map(id -> id instanceof UUID u ? u : UUID.fromString(id.toString())).toList();
    }

    /** The file of an upload's partial bytes (it may not exist: another instance's upload, or removed). */
    public Path file(TenantId tenant, UUID id) {
        return layout.partialUploadsDir(tenant).resolve(id.toString());
    }

    public Path create(TenantId tenant, UUID id) throws IOException {
        Path file = file(tenant, id);
        Files.createDirectories(file.getParent());
        Files.createFile(file);
        return file;
    }

    public void delete(TenantId tenant, UUID id) {
        try {
            Files.deleteIfExists(file(tenant, id));
        } catch (IOException ignored) {
            // the sweep's next round tries again only for rows; a stray file is removed with its tenant's directory
        }
    }
}
