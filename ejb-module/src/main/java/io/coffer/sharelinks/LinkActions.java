package io.coffer.sharelinks;

import io.coffer.shared.LinkId;
import io.coffer.shared.TenantId;
import io.coffer.shared.UserId;
import io.coffer.sharelinks.internal.LinkStore;
import io.coffer.sharelinks.internal.ShareLinkEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * What the modules above share links (automation) do to links without a user's request: read a link's name, list the
 * links a member created, and revoke a link as the system (an automation rule the tenant's admins set). Runs in the
 * caller's transaction, bound to the link's tenant; no permission check of its own — the rule was authorised when it
 * was written.
 */
@ApplicationScoped
public class LinkActions {

    /** A link a member created: its id and name (null when it has none). */
    public record LinkSummary(LinkId id, String name) {
    }

    @Inject
    LinkStore store;

    @Inject
    Clock clock;

    @Inject
    Event<ShareLinkEvent> events;

    public Optional<String> name(LinkId link) {
        return store.find(link.value()).map(ShareLinkEntity::name);
    }

    /** The links {@code creator} created, revoked ones included (their activity is still theirs). */
    public List<LinkSummary> createdBy(UserId creator) {
        return store.createdBy(creator.value()).stream()
                .map(l -> new LinkSummary(new LinkId(l.id()), l.name())).toList();
    }

    /**
     * Revokes at once as the system (the audit and activity record a {@code share-link.revoked} with no user actor);
     * false when the link does not exist or was revoked already (nothing changes, no event).
     */
    public boolean revokeAsSystem(TenantId tenant, LinkId link) {
        Optional<ShareLinkEntity> found = store.find(link.value());
        if (found.isEmpty() || !store.revoke(found.get(), clock.instant())) {
            return false;
        }
        events.fire(new ShareLinkEvents.Revoked(tenant, link.value(), store.roomOf(found.get()), null,
                clock.instant()));
        return true;
    }
}
