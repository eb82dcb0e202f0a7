package io.coffer.sharelinks.internal;

import io.coffer.datarooms.Holder;
import io.coffer.identity.Role;
import io.coffer.shared.error.ValidationException;
import io.coffer.sharelinks.ItemOverride;
import io.coffer.sharelinks.LinkSettings;
import io.coffer.sharelinks.ShareLink;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Share links of the transaction's tenant: reading, the owner's changes (validated here), views. */
@ApplicationScoped
public class LinkStore {

    @PersistenceContext(unitName = "coffer")
    EntityManager em;

    @jakarta.ejb.EJB
    io.coffer.datarooms.Permissions permissions;

    public ShareLinkEntity newLink(String tokenHash, String targetType, UUID targetId, UUID roomId, UUID createdBy,
                                   Role actedAs, Instant now) {
        return new ShareLinkEntity(tokenHash, targetType, targetId, roomId, createdBy, actedAs, now);
    }

    public void persist(ShareLinkEntity link) {
        em.persist(link);
        em.flush();
    }

    public Optional<ShareLinkEntity> find(UUID id) {
        return Optional.ofNullable(em.find(ShareLinkEntity.class, id));
    }

    public Optional<ShareLinkEntity> byTokenHash(String hash) {
        return em.createQuery("select l from ShareLinkEntity l where l.tokenHash = :h", ShareLinkEntity.class)
                .setParameter("h", hash).getResultStream().findFirst();
    }

    public List<ShareLinkEntity> list(UUID targetId) {
        return (targetId == null
                ? em.createQuery("select l from ShareLinkEntity l order by l.createdAt, l.id", ShareLinkEntity.class)
                : em.createQuery("select l from ShareLinkEntity l where l.targetId = :t order by l.createdAt, l.id",
                ShareLinkEntity.class).setParameter("t", targetId)).getResultList();
    }

    public UUID roomOf(ShareLinkEntity link) {
        return link.roomId;
    }

    public String targetType(ShareLinkEntity link) {
        return link.targetType;
    }

    public UUID targetId(ShareLinkEntity link) {
        return link.targetId;
    }

    /**
     * SL-18: the users the link acts for, each at every request: its creator and who last set its reach, each at most
     * at the role they acted with then (a link made or set with an API key serves no more than the key could).
     */
    public List<Holder> holders(ShareLinkEntity link) {
        Holder creator = holder(link.createdBy, link.createdRole);
        Holder reach = holder(link.reachBy, link.reachRole);
        return creator.equals(reach) ? List.of(creator) : List.of(creator, reach);
    }

    private static Holder holder(UUID user, String actedAs) {
        return new Holder(new io.coffer.shared.UserId(user), Optional.ofNullable(actedAs).map(Role::valueOf));
    }

    /** SL-18: who last set the link's reach. */
    public io.coffer.shared.UserId reachBy(ShareLinkEntity link) {
        return new io.coffer.shared.UserId(link.reachBy);
    }

    /**
     * SL-18: {@code user}, acting as {@code actedAs}, sets the link's reach; from now on the link serves at most what
     * they hold too, and never more than that role allows.
     */
    public void takeReach(ShareLinkEntity link, UUID user, Role actedAs) {
        link.reachBy = user;
        link.reachRole = actedAs.name();
    }

    /**
     * What the link reaches now (SL-4, SL-10, SL-18, SL-19): the room's tree on behalf of its creator and of who last
     * set its reach, each item at the lower of their levels, the subtrees of hidden items cut by the room's real
     * structure (an override holds by item, whatever the tree of either looks like).
     */
    public LinkScope scope(ShareLinkEntity link) {
        LinkRules rules = LinkRules.of(link);
        return LinkScope.of(rules, permissions.onBehalfOf(holders(link), new io.coffer.shared.RoomId(rules.roomId()),
                LinkScope.hidden(rules)));
    }

    /** The settings as they are now (a snapshot: compare it with the one after a change). */
    public LinkRules rules(ShareLinkEntity link) {
        return LinkRules.of(link);
    }

    /** The links a user created, oldest first. */
    public List<ShareLinkEntity> createdBy(UUID creator) {
        return em.createQuery("select l from ShareLinkEntity l where l.createdBy = :creator order by l.id",
                ShareLinkEntity.class).setParameter("creator", creator).getResultList();
    }

    /** Revokes; false when it was revoked already. Raises the security version: every session ends. */
    public boolean revoke(ShareLinkEntity link, Instant now) {
        if (link.revokedAt != null) {
            return false;
        }
        link.revokedAt = now;
        link.updatedAt = now;
        link.securityVersion++;
        return true;
    }

    /**
     * Applies the fields named in {@code present} (validated); answers whether the security version rose (a change of
     * password, email rules or NDA).
     */
    public boolean apply(ShareLinkEntity link, LinkSettings s, Set<String> present, List<ItemOverride> overrides,
                         String passwordHash, Instant now, boolean creating) {
        int before = link.securityVersion;
        if (present.contains("name")) {
            String name = s.name() == null ? null : s.name().strip();
            if (name != null && (name.length() > 200 || name.chars().anyMatch(Character::isISOControl))) {
                throw ValidationException.of("name", "must be at most 200 characters without control characters");
            }
            link.name = name == null || name.isEmpty() ? null : name;
        }
        boolean security = false;
        if (present.contains("password") && (!creating || passwordHash != null)) {
            security |= link.passwordHash != null || passwordHash != null;
            link.passwordHash = passwordHash;
        }
        if (present.contains("expiresAt")) {
            if (s.expiresAt() != null && !s.expiresAt().isAfter(now) && creating) {
                throw ValidationException.of("expiresAt", "must be in the future");
            }
            link.expiresAt = s.expiresAt();
        }
        if (present.contains("requireEmail")) {
            boolean v = Boolean.TRUE.equals(s.requireEmail());
            security |= v != link.requireEmail;
            link.requireEmail = v;
        }
        if (present.contains("verifyEmail")) {
            boolean v = Boolean.TRUE.equals(s.verifyEmail());
            security |= v != link.verifyEmail;
            link.verifyEmail = v;
        }
        if (link.verifyEmail) {
            link.requireEmail = true; // verifyEmail implies requireEmail
        }
        security |= list(present, "allowEmails", EmailRules.store(EmailRules.emails(s.allowEmails(), "allowEmails")),
                link.allowEmails, v -> link.allowEmails = v);
        security |= list(present, "allowDomains",
                EmailRules.store(EmailRules.domains(s.allowDomains(), "allowDomains")), link.allowDomains,
                v -> link.allowDomains = v);
        security |= list(present, "denyEmails", EmailRules.store(EmailRules.emails(s.denyEmails(), "denyEmails")),
                link.denyEmails, v -> link.denyEmails = v);
        security |= list(present, "denyDomains", EmailRules.store(EmailRules.domains(s.denyDomains(), "denyDomains")),
                link.denyDomains, v -> link.denyDomains = v);
        if (present.contains("allowDownload")) {
            link.allowDownload = Boolean.TRUE.equals(s.allowDownload());
        }
        if (present.contains("allowSearch")) {
            link.allowSearch = Boolean.TRUE.equals(s.allowSearch());
        }
        if (present.contains("allowQuestions")) {
            link.allowQuestions = Boolean.TRUE.equals(s.allowQuestions());
        }
        if (present.contains("watermark")) {
            link.watermarkEnabled = Boolean.TRUE.equals(s.watermarkEnabled());
            String text = s.watermarkText() == null || s.watermarkText().isBlank() ? null : s.watermarkText().strip();
            if (text != null && (text.length() > 300 || text.chars().anyMatch(Character::isISOControl))) {
                throw ValidationException.of("watermark.text", "must be at most 300 characters on one line");
            }
            link.watermarkText = text;
        }
        if (present.contains("maxViews")) {
            if (s.maxViews() != null && (s.maxViews() < 1 || s.maxViews() > 1_000_000_000)) {
                throw ValidationException.of("maxViews", "must be a positive number");
            }
            link.maxViews = s.maxViews();
        }
        if (present.contains("ndaText")) {
            String nda = s.ndaText() == null || s.ndaText().isBlank() ? null : s.ndaText().strip();
            if (nda != null && nda.length() > 100_000) {
                throw ValidationException.of("ndaText", "must be at most 100,000 characters");
            }
            if (!Objects.equals(nda, link.ndaText)) {
                security = true;
                link.ndaText = nda;
                link.ndaVersion = nda == null ? link.ndaVersion : link.ndaVersion + 1;
            }
        }
        if (overrides != null && present.contains("itemOverrides")) {
            link.itemOverrides = LinkRules.store(overrides);
        }
        if (security && !creating) {
            link.securityVersion++;
        }
        link.updatedAt = now;
        em.flush();
        return link.securityVersion != before;
    }

    private static boolean list(Set<String> present, String field, String value, String old,
                                java.util.function.Consumer<String> set) {
        if (!present.contains(field)) {
            return false;
        }
        set.accept(value);
        return !value.equals(old);
    }

    public ShareLink view(ShareLinkEntity l) {
        LinkRules r = LinkRules.of(l);
        return new ShareLink(l.id, null, null, l.targetType, l.targetId, l.name, l.passwordHash != null, l.expiresAt,
                l.requireEmail, l.verifyEmail, r.emailRules().allowEmails(), r.emailRules().allowDomains(),
                r.emailRules().denyEmails(), r.emailRules().denyDomains(), l.allowDownload, l.watermarkEnabled,
                l.watermarkText, l.maxViews, l.viewCount, l.ndaText, l.ndaVersion, r.overrides(), l.allowSearch, l.allowQuestions,
                l.createdAt,
                l.updatedAt, l.revokedAt);
    }
}
