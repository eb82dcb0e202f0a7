package io.coffer.documents.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The rows of {@code document_versions} (in the caller's tenant transaction); what they mean is the faces' business. */
@ApplicationScoped
public class Versions {

    @PersistenceContext(unitName = "coffer")
    EntityManager em;

    /** A document's versions, newest first. */
    public List<DocumentVersionEntity> of(UUID document) {
        return em.createQuery("select v from DocumentVersionEntity v where v.documentId = :doc"
                + " order by v.version desc", DocumentVersionEntity.class).setParameter("doc", document)
                .getResultList();
    }

    public Optional<DocumentVersionEntity> newest(UUID document) {
        return em.createQuery("select v from DocumentVersionEntity v where v.documentId = :doc"
                        + " order by v.version desc", DocumentVersionEntity.class).setParameter("doc", document)
                .setMaxResults(1).getResultStream().findFirst();
    }

    /** Ids per query of {@link #newestOf}: far below PostgreSQL's 32,767 bind parameters. */
    static final int CHUNK = 1000;

    /** The newest version of each of {@code documents} that has one, by document id, in chunks of {@link #CHUNK}. */
    public Map<UUID, DocumentVersionEntity> newestOf(Collection<UUID> documents) {
        Map<UUID, DocumentVersionEntity> newest = new HashMap<>();
        List<UUID> all = List.copyOf(documents);
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<UUID> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            for (DocumentVersionEntity v : em.createQuery("select v from DocumentVersionEntity v"
                    + " where v.documentId in :ids and v.version = (select max(w.version)"
                    + " from DocumentVersionEntity w where w.documentId = v.documentId)", DocumentVersionEntity.class)
                    .setParameter("ids", chunk).getResultList()) {
                newest.put(v.documentId(), v);
            }
        }
        return newest;
    }

    @Inject
    TextIndex text;

    /**
     * Stores a version now, queued for search's text extraction in the same transaction (SR-3); a
     * {@code PersistenceException} when the same number was added meanwhile.
     */
    public void add(DocumentVersionEntity version) {
        em.persist(version);
        em.flush();
        if (version.scanStatus() == io.coffer.documents.ScanStatus.READY) { // FR-9: nothing of an unscanned file
            text.queue(version.id(), version.createdAt());
        }
    }

    public Optional<DocumentVersionEntity> find(UUID id) {
        return Optional.ofNullable(em.find(DocumentVersionEntity.class, id));
    }

    /** Up to {@code limit} versions of the tenant waiting for a scanner's verdict, oldest first. */
    public List<DocumentVersionEntity> scanning(int limit) {
        return em.createQuery("select v from DocumentVersionEntity v where v.scanStatus = 'SCANNING'"
                + " order by v.createdAt, v.id", DocumentVersionEntity.class).setMaxResults(limit).getResultList();
    }

    /**
     * Records the scanner's verdict on a version still SCANNING (a verdict already given stays: two instances may
     * scan the same version); a clean version is queued for search now (SR-3). Answers whether this call decided.
     */
    public boolean decide(DocumentVersionEntity version, boolean clean, String finding, java.time.Instant at) {
        em.lock(version, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        em.refresh(version);
        if (version.scanStatus() != io.coffer.documents.ScanStatus.SCANNING) {
            return false;
        }
        version.scanned(clean, finding, at);
        em.flush();
        if (clean) {
            text.queue(version.id(), at);
        }
        return true;
    }

    public void deleteOf(Collection<UUID> documents) {
        em.createQuery("delete from DocumentVersionEntity v where v.documentId in :ids").setParameter("ids", documents)
                .executeUpdate();
    }

    /** Whether any version of the tenant still uses a blob (blobs are shared by identical bytes). */
    public boolean blobInUse(String blobId) {
        return em.createQuery("select count(v) from DocumentVersionEntity v where v.blobId = :blob"
                + " or v.renditionBlobId = :blob", Long.class).setParameter("blob", blobId).getSingleResult() > 0;
    }

    /** Of {@code blobIds}, those no version of the tenant uses any more. */
    public Set<String> unusedBlobs(Collection<String> blobIds) {
        if (blobIds.isEmpty()) {
            return Set.of();
        }
        Set<String> unused = new HashSet<>(blobIds);
        unused.removeAll(em.createQuery("select distinct v.blobId from DocumentVersionEntity v"
                + " where v.blobId in :ids", String.class).setParameter("ids", blobIds).getResultList());
        unused.removeAll(em.createQuery("select distinct v.renditionBlobId from DocumentVersionEntity v"
                + " where v.renditionBlobId in :ids", String.class).setParameter("ids", blobIds).getResultList());
        return unused;
    }

    /**
     * Of {@code pagesBlobIds}, those no document's newest version renders its pages from (its converted PDF, else its
     * own bytes): their page images are unreachable (DOC-43). A trashed document still has its versions, so its pages
     * stay until it is purged.
     */
    public Set<String> unreachablePages(Collection<String> pagesBlobIds) {
        if (pagesBlobIds.isEmpty()) {
            return Set.of();
        }
        Set<String> unreachable = new HashSet<>(pagesBlobIds);
        List<DocumentVersionEntity> newest = em.createQuery("select v from DocumentVersionEntity v"
                + " where (v.blobId in :ids or v.renditionBlobId in :ids) and v.version = (select max(w.version)"
                + " from DocumentVersionEntity w where w.documentId = v.documentId)", DocumentVersionEntity.class)
                .setParameter("ids", pagesBlobIds).getResultList();
        for (DocumentVersionEntity v : newest) {
            unreachable.remove(v.pagesBlobId());
        }
        return unreachable;
    }
}
