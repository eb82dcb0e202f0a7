package io.coffer.sharelinks;

import io.coffer.datarooms.Folders;
import io.coffer.datarooms.RoomDocuments;
import io.coffer.shared.DocumentId;
import io.coffer.shared.FolderId;
import io.coffer.shared.LinkId;
import io.coffer.shared.RoomId;
import io.coffer.datarooms.Permission;
import io.coffer.datarooms.TreeNode;
import io.coffer.identity.CallerCheck;
import io.coffer.identity.CurrentCaller;
import io.coffer.platform.CofferSettings;
import io.coffer.platform.PasswordHashing;
import io.coffer.shared.error.NotFoundException;
import io.coffer.shared.error.ValidationException;
import io.coffer.sharelinks.internal.LinkChanges;
import io.coffer.sharelinks.internal.LinkRules;
import io.coffer.sharelinks.internal.LinkScope;
import io.coffer.sharelinks.internal.LinkStore;
import io.coffer.sharelinks.internal.ShareLinkEntity;
import io.coffer.tenancy.OneTimeSecrets;
import io.coffer.tenancy.SecretKind;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The owner side of share links (contract "Share links"): create, list, read, change, revoke. Needs MANAGE on the
 * link's target (its room); a link in a room the caller cannot see is not found.
 */
@Stateless
@PermitAll
public class ShareLinks {

    static final Set<String> TARGETS = Set.of("DOCUMENT", "DATAROOM", "FOLDER");

    @EJB
    Folders folders;

    @EJB
    RoomDocuments documents;

    @EJB
    CallerCheck callers;

    @Inject
    io.coffer.datarooms.Permissions permissions;

    @Inject
    LinkStore store;

    @Inject
    OneTimeSecrets secrets;

    @Inject
    PasswordHashing hashing;

    @Inject
    CofferSettings settings;

    @Inject
    Clock clock;

    @Inject
    Event<ShareLinkEvent> events;

    public ShareLink create(LinkSettings s) {
        if (s.targetType() == null || !TARGETS.contains(s.targetType())) {
            throw ValidationException.of("target.type", "must be DOCUMENT, DATAROOM or FOLDER");
        }
        if (s.targetId() == null) {
            throw ValidationException.of("target.id", "is required");
        }
        UUID room = requireManage(s.targetType(), s.targetId());
        CurrentCaller caller = callers.current();
        // registered before the link row, in the same transaction: a link token never expires by itself (SL rules do)
        OneTimeSecrets.Issued token = secrets.issue(SecretKind.SHARE_LINK, null);
        Instant now = clock.instant();
        ShareLinkEntity link = store.newLink(token.hash(), s.targetType(), s.targetId(), room,
                caller.user().value(), caller.role(), now);
        Set<String> all = Set.of("name", "password", "expiresAt", "requireEmail", "verifyEmail", "allowEmails",
                "allowDomains", "denyEmails", "denyDomains", "allowDownload", "watermark", "maxViews", "ndaText",
                "itemOverrides", "allowSearch", "allowQuestions");
        store.apply(link, s, all, overridesChecked(s, room), hashIfGiven(s.password()), now, true);
        store.persist(link);
        events.fire(new ShareLinkEvents.Created(caller.tenant(), link.id(), room, s.targetType(), s.targetId(),
                caller.user(), now));
        ShareLink view = store.view(link);
        return withToken(view, token.secret());
    }

    /** The links the caller manages, optionally of one target, oldest first; keyset cursor = the last id. */
    public List<ShareLink> list(UUID targetId, int limit, LinkId after) {
        List<ShareLink> out = new ArrayList<>();
        java.util.Map<UUID, Boolean> manages = new java.util.HashMap<>(); // per target: one check each
        boolean passed = after == null;
        for (ShareLinkEntity link : store.list(targetId)) {
            if (!passed) {
                passed = link.id().equals(after.value());
                continue;
            }
            boolean mine = manages.computeIfAbsent(store.targetId(link), t -> held(link).atLeast(Permission.MANAGE));
            if (mine) {
                out.add(store.view(link));
                if (out.size() > limit) {
                    break;
                }
            }
        }
        return out;
    }

    public ShareLink get(LinkId id) {
        return store.view(managed(id));
    }

    /** Authorization before the body is read (the web layer asks first). */
    public void requireManage(LinkId id) {
        managed(id);
    }

    /**
     * Changes the fields named in {@code present}; a change of password, email rules or NDA (and every revocation)
     * raises the link's security version, which ends every visitor session at once (SL-13).
     */
    public ShareLink update(LinkId id, LinkSettings s, Set<String> present) {
        ShareLinkEntity link = managed(id);
        CurrentCaller caller = callers.current();
        Instant now = clock.instant();
        UUID room = store.roomOf(link);
        List<ItemOverride> overrides = present.contains("itemOverrides") ? overridesChecked(
                new LinkSettings(store.targetType(link), store.targetId(link), null, null, null, null, null, null,
                        null, null, null, null, null, null, null, null, s.itemOverrides(), null, null), room) : null;
        LinkRules before = store.rules(link);
        boolean ended = store.apply(link, s, present, overrides,
                present.contains("password") ? hashIfGiven(s.password()) : null, now, false);
        if (present.stream().anyMatch(LinkChanges.REACH::contains)) {
            // SL-18: from now on the link serves at most what they hold, as they act now (an API key as its cap)
            store.takeReach(link, caller.user().value(), caller.role());
        }
        LinkChanges changes = LinkChanges.of(before, store.rules(link));
        if (!changes.loosened().isEmpty() && !holdsAllItServes(link, room)) {
            throw new io.coffer.shared.error.ForbiddenException("This link serves items you may not see or download "
                    + "yourself: only someone who holds all of it may loosen its protections ("
                    + String.join(", ", changes.loosened().stream().sorted().toList())
                    + "). Setting its reach (itemOverrides or allowDownload) limits it to what you hold.");
        }
        events.fire(new ShareLinkEvents.Updated(caller.tenant(), id.value(), room, ended, caller.user(), now,
                changes.changedSorted(), store.reachBy(link)));
        return store.view(link);
    }

    /**
     * SL-20: does the caller hold, on every item the link serves now, what the link gives there (VIEW on what it
     * shows, DOWNLOAD on what it hands out)? Asked of the caller's own tree, so every limit on the caller counts.
     */
    private boolean holdsAllItServes(ShareLinkEntity link, UUID room) {
        LinkScope scope = store.scope(link);
        if (!scope.onTarget().atLeast(Permission.VIEW)) {
            return true; // it serves nothing
        }
        java.util.Map<UUID, Permission> mine = new java.util.HashMap<>();
        levels(folders.tree(new RoomId(room)), mine);
        for (LinkScope.Entry e : scope.all()) {
            Permission held = mine.getOrDefault(e.id(), Permission.NONE);
            boolean handsOut = e.isDocument() && e.downloadSetting() && e.creatorHolds().atLeast(Permission.DOWNLOAD);
            if (!held.atLeast(handsOut ? Permission.DOWNLOAD : Permission.VIEW)) {
                return false;
            }
        }
        return true;
    }

    private static void levels(List<TreeNode> nodes, java.util.Map<UUID, Permission> out) {
        for (TreeNode n : nodes == null ? List.<TreeNode>of() : nodes) {
            out.put(n.id(), n.myPermission());
            levels(n.children(), out);
        }
    }

    /** Revokes at once; revoking a revoked link changes nothing. */
    public void revoke(LinkId id) {
        ShareLinkEntity link = managed(id);
        CurrentCaller caller = callers.current();
        if (store.revoke(link, clock.instant())) {
            events.fire(new ShareLinkEvents.Revoked(caller.tenant(), id.value(), store.roomOf(link), caller.user(),
                    clock.instant()));
        }
    }

    /** The public URL of a link token (the SPA's visitor page). */
    public String url(String token) {
        return settings.publicUrl() + "/l/" + token;
    }

    private ShareLink withToken(ShareLink v, String token) {
        return new ShareLink(v.id(), token, url(token), v.targetType(), v.targetId(), v.name(), v.hasPassword(),
                v.expiresAt(), v.requireEmail(), v.verifyEmail(), v.allowEmails(), v.allowDomains(), v.denyEmails(),
                v.denyDomains(), v.allowDownload(), v.watermarkEnabled(), v.watermarkText(), v.maxViews(), v.views(),
                v.ndaText(), v.ndaVersion(), v.itemOverrides(), v.allowSearch(), v.allowQuestions(), v.createdAt(), v.updatedAt(), v.revokedAt());
    }

    private ShareLinkEntity managed(LinkId id) {
        ShareLinkEntity link = store.find(id.value()).orElseThrow(() -> new NotFoundException("no such link"));
        requireManageOf(link);
        return link;
    }

    /**
     * MANAGE on the link's target, or on its whole room (a room's managers manage every link in it, also one whose
     * target is in the trash); else 404 when the caller cannot see the target, 403 below MANAGE. Asked without
     * exceptions from the permission module: a refusal caught inside this transaction would mark it rollback-only.
     */
    private void requireManageOf(ShareLinkEntity link) {
        Permission held = held(link);
        if (held.atLeast(Permission.MANAGE)) {
            return;
        }
        if (held.atLeast(Permission.VIEW)) {
            throw new io.coffer.shared.error.ForbiddenException("Managing a link needs MANAGE on its target.");
        }
        throw new NotFoundException("no such link");
    }

    /** The caller's level for a link (as the caller acts: PERM-16): the higher of the target's and the whole room's. */
    private Permission held(ShareLinkEntity link) {
        UUID target = store.targetId(link);
        Permission onTarget = switch (store.targetType(link)) {
            case "DOCUMENT" -> permissions.level(new DocumentId(target));
            case "FOLDER" -> permissions.level(new FolderId(target));
            default -> permissions.level(new RoomId(target));
        };
        Permission onRoom = permissions.level(new RoomId(store.roomOf(link)));
        return onTarget.atLeast(onRoom) ? onTarget : onRoom;
    }

    /** MANAGE on the target; answers its room. */
    private UUID requireManage(String type, UUID target) {
        switch (type) {
            case "DOCUMENT":
                return documents.entry(new DocumentId(target), Permission.MANAGE).roomId().value();
            case "FOLDER":
                permissions.require(new FolderId(target), Permission.MANAGE);
                return folders.get(new FolderId(target)).roomId().value();
            default:
                permissions.require(new RoomId(target), Permission.MANAGE);
                return target;
        }
    }

    private String hashIfGiven(String password) {
        if (password == null) {
            return null;
        }
        int length = password.codePointCount(0, password.length());
        if (password.isBlank() || length > 256) {
            throw ValidationException.of("password", "must be 1 to 256 characters, not only spaces");
        }
        return hashing.hash(password);
    }

    /** Overrides only for room and folder links, only for items inside the target, each item once. */
    private List<ItemOverride> overridesChecked(LinkSettings s, UUID room) {
        List<ItemOverride> overrides = s.itemOverrides() == null ? List.of() : s.itemOverrides();
        if (overrides.isEmpty()) {
            return List.of();
        }
        if ("DOCUMENT".equals(s.targetType())) {
            throw ValidationException.of("itemOverrides", "apply to room and folder links only");
        }
        if (overrides.size() > 1000) {
            throw ValidationException.of("itemOverrides", "must hold at most 1000 entries");
        }
        Set<UUID> inside = new HashSet<>();
        List<TreeNode> tree = folders.tree(new RoomId(room));
        collect(tree, "DATAROOM".equals(s.targetType()), s.targetId(), inside);
        Set<UUID> seen = new HashSet<>();
        for (ItemOverride o : overrides) {
            if (o == null || o.itemId() == null || !inside.contains(o.itemId()) || !seen.add(o.itemId())) {
                throw ValidationException.of("itemOverrides", "must name items inside the link's target, each once");
            }
        }
        return List.copyOf(overrides);
    }

    private static void collect(List<TreeNode> nodes, boolean inScope, UUID target, Set<UUID> out) {
        for (TreeNode n : nodes == null ? List.<TreeNode>of() : nodes) {
            boolean here = inScope || n.id().equals(target);
            if (here) {
                out.add(n.id());
            }
            collect(n.children(), here, target, out);
        }
    }
}
