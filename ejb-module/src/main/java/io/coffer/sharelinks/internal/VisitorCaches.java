package io.coffer.sharelinks.internal;

import io.coffer.documents.DocumentEvents;
import io.coffer.platform.CofferSettings;
import io.coffer.shared.TenantId;
import io.coffer.sharelinks.ShareLinkEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The per-visitor caches: {@code COFFER_HOME/visitor-pages/<tenant>/<session>/} (watermarked page images) and
 * {@code COFFER_HOME/visitor-downloads/<tenant>/<session>/} (stamped PDFs), each file named after the document it
 * came from ({@code <document>-...}). They go with what they came from (SL-22): a revoked link or a change that ends
 * its sessions drops its sessions' files, a purged document drops its files in every session, in the transaction
 * that fires the event. {@link #sweep} (run by {@link VisitorCacheSweep}) drops sessions whose files are older than a
 * visitor token lives, and then the oldest sessions until the caches fit their bound (SL-23).
 */
@ApplicationScoped
public class VisitorCaches {

    static final List<String> KINDS = List.of("visitor-pages", "visitor-downloads");
    private static final Logger LOG = Logger.getLogger(VisitorCaches.class.getName());

    @PersistenceContext(unitName = "coffer")
    EntityManager em;

    @Inject
    CofferSettings settings;

    /** The cache directory of one session. */
    Path sessionDir(String kind, TenantId tenant, UUID session) {
        return settings.home().resolve(kind).resolve(tenant.toString()).resolve(session.toString());
    }

    /** The name prefix of a document's cached files. */
    static String prefix(UUID document) {
        return document + "-";
    }

    void onRevoked(@Observes ShareLinkEvents.Revoked revoked) {
        forgetLink(revoked.tenant(), revoked.link());
    }

    void onUpdated(@Observes ShareLinkEvents.Updated updated) {
        if (updated.sessionsEnded()) {
            forgetLink(updated.tenant(), updated.link());
        }
    }

    void onPurged(@Observes DocumentEvents.Purged purged) {
        for (String kind : KINDS) {
            Path tenantDir = settings.home().resolve(kind).resolve(purged.tenant().toString());
            for (Path session : list(tenantDir)) {
                for (Path file : list(session)) {
                    if (file.getFileName().toString().startsWith(prefix(purged.document()))) {
                        delete(file);
                    }
                }
            }
        }
    }

    private void forgetLink(TenantId tenant, UUID link) {
        forgetSessions(tenant, em.createQuery("select s.id from VisitorSessionEntity s where s.linkId = :link",
                UUID.class).setParameter("link", link).getResultList());
    }

    /** What one sweep did. */
    record Swept(int sessions, long bytesLeft) {
    }

    /**
     * Drops every session directory (of every kind and tenant under {@code home}) whose newest file is older than
     * {@code maxAge}, then the least recently written ones until all of them together hold at most {@code maxBytes}.
     */
    static Swept sweep(Path home, Instant now, Duration maxAge, long maxBytes) {
        record Dir(Path path, Instant newest, long bytes) {
        }
        List<Dir> dirs = new ArrayList<>();
        for (String kind : KINDS) {
            for (Path tenant : list(home.resolve(kind))) {
                for (Path session : list(tenant)) {
                    Instant newest = Instant.EPOCH;
                    long bytes = 0;
                    for (Path file : list(session)) {
                        try {
                            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                            bytes += a.size();
                            Instant written = a.lastModifiedTime().toInstant();
                            newest = written.isAfter(newest) ? written : newest;
                        } catch (IOException e) {
                            // gone meanwhile
                        }
                    }
                    dirs.add(new Dir(session, newest, bytes));
                }
            }
        }
        int dropped = 0;
        long total = 0;
        List<Dir> kept = new ArrayList<>();
        for (Dir d : dirs) {
            if (d.newest().isBefore(now.minus(maxAge))) {
                deleteTree(d.path());
                dropped++;
            } else {
                kept.add(d);
                total += d.bytes();
            }
        }
        kept.sort(Comparator.comparing(Dir::newest));
        for (Dir d : kept) {
            if (total <= maxBytes) {
                break;
            }
            deleteTree(d.path());
            total -= d.bytes();
            dropped++;
        }
        for (String kind : KINDS) {
            for (Path tenant : list(home.resolve(kind))) {
                if (list(tenant).isEmpty()) {
                    delete(tenant);
                }
            }
        }
        return new Swept(dropped, total);
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            org.apache.commons.io.file.PathUtils.deleteDirectory(dir);
        } catch (NoSuchFileException e) {
            // removed meanwhile
        } catch (IOException e) {
            LOG.warning("Could not remove a visitor cache: " + e.getMessage());
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warning("Could not remove a visitor cache file: " + e.getMessage());
        }
    }

    private void forgetSessions(TenantId tenant, Collection<UUID> sessions) {
        for (UUID session : sessions) {
            for (String kind : KINDS) {
                deleteTree(sessionDir(kind, tenant, session));
            }
        }
    }
}
