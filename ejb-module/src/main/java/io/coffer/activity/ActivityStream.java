package io.coffer.activity;

import io.coffer.activity.internal.ActivityStore;
import io.coffer.datarooms.Permission;
import io.coffer.datarooms.Permissions;
import io.coffer.datarooms.RoomDocuments;
import io.coffer.identity.CallerCheck;
import io.coffer.identity.CurrentCaller;
import io.coffer.identity.Role;
import io.coffer.sharelinks.ShareLinks;
import io.coffer.shared.error.ForbiddenException;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The tenant's activity stream, newest first (docs/features/activity.md, ACT-6..ACT-10). The whole stream is for
 * OWNERs and ADMINs (ACT-9); a stream narrowed to a room, a link or a document needs MANAGE on it (MANAGE on the
 * room reaches its documents and links) as the permission and share-link modules decide (an id the caller cannot see is the uniform 404, below MANAGE
 * 403). Row-level security holds every query to the caller's tenant (ACT-10).
 */
@Stateless
@PermitAll
public class ActivityStream {

    /** One page and the cursor of the next (null when this is the last). */
    public record Page(List<ActivityItem> items, String nextCursor) {
    }

    @EJB
    CallerCheck callers;

    @EJB
    Permissions permissions;

    @EJB
    RoomDocuments documents;

    @EJB
    ShareLinks links;

    @Inject
    ActivityStore store;

    public Page page(ActivityFilter filter, String cursor, int limit) {
        CurrentCaller caller = callers.current();
        authorize(caller, filter);
        ActivityCursor after = ActivityCursor.decode(cursor);
        List<ActivityItem> rows = store.page(caller.tenant(), filter, after, limit + 1);
        if (rows.size() <= limit) {
            return new Page(rows, null);
        }
        List<ActivityItem> items = rows.subList(0, limit);
        ActivityItem last = items.get(limit - 1);
        return new Page(List.copyOf(items), new ActivityCursor(last.at(), last.id()).encode());
    }

    /** Before any row is read (and before the cursor is looked at: authorization first). */
    public void authorize(ActivityFilter filter) {
        authorize(callers.current(), filter);
    }

    private void authorize(CurrentCaller caller, ActivityFilter filter) {
        if (filter.tenantWide()) {
            if (!caller.role().atLeast(Role.ADMIN)) {
                throw new ForbiddenException("The tenant's whole activity is for the OWNER and ADMIN roles; name a"
                        + " data room, link or document you manage.");
            }
            return;
        }
        if (filter.room() != null) {
            permissions.require(filter.room(), Permission.MANAGE);
        }
        if (filter.document() != null) {
            documents.entry(filter.document(), Permission.MANAGE); // MANAGE on its room reaches it (grants inherit)
        }
        if (filter.link() != null) {
            links.requireManage(filter.link());
        }
    }
}
