package io.coffer.datarooms;

import io.coffer.datarooms.internal.Rooms;
import io.coffer.shared.DocumentId;
import io.coffer.tenancy.TenantScope;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * For the trash purge only (a background job of the documents module, tenant-scoped, no caller): the datarooms module
 * owns the items, so it says which are past {@link RoomDocuments#TRASH_KEPT} and deletes them once the documents
 * module has removed their versions. Not for requests: nothing here checks a caller.
 */
@Stateless
@PermitAll
public class ExpiredTrash {

    @EJB
    TenantScope tenancy;

    @Inject
    Rooms rooms;

    @Inject
    Clock clock;

    /** Locks up to {@code limit} documents whose days in the trash are over (the job's tenant). */
    public List<DocumentId> lock(int limit) {
        return rooms.lockExpiredDocuments(tenancy.require().value(), clock.instant().minus(RoomDocuments.TRASH_KEPT),
                limit).stream().map(DocumentId::new).toList();
    }

    /** Deletes purged documents' items, then trashed folders past their days with nothing left below. */
    public void deletePurged(Collection<DocumentId> documents) {
        java.util.UUID tenant = tenancy.require().value();
        rooms.deleteForGood(tenant, documents.stream().map(DocumentId::value).toList());
        Instant cutoff = clock.instant().minus(RoomDocuments.TRASH_KEPT);
        while (rooms.deleteEmptyExpiredFolders(tenant, cutoff) > 0) {
            // one level of empty folders per round, deepest first
        }
    }
}
