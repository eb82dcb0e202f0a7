package io.coffer.events;

import io.coffer.datarooms.DataRoomEvents;
import io.coffer.documents.DocumentEvents;
import io.coffer.filerequests.FileRequestEvents;
import io.coffer.identity.IdentityEvents;
import io.coffer.shared.CofferEvent;
import io.coffer.shared.TenantId;
import io.coffer.shared.UserId;
import io.coffer.sharelinks.ShareLinkEvents;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * What one event says, in the terms every consumer above the domain uses (the contract's activity item and webhook
 * body, the automation conditions, the audit's actor and object). {@code data} holds the event's other fields
 * (never a secret: events carry none), in a stable order.
 *
 * @param actorType   {@code USER}, {@code VISITOR} or {@code SYSTEM} (the store refines USER to API_KEY from the
 *                    request's origin)
 * @param actorId     the user, or the visitor session (null before a visitor has one), or null for SYSTEM
 * @param visitorEmail the email a visitor proved or gave (personal data: erasable), null otherwise
 * @param objectType  what the event is about ({@code user}, {@code dataroom}, {@code document}, {@code share-link},
 *                    {@code item}, {@code folder}, {@code group}, {@code invitation}, {@code automation-rule}), null when nothing
 * @param denied      a refusal (access.denied, link.access-denied, auth.login.failed)
 */
public record EventFacts(TenantId tenant, String type, Instant at, String actorType, UUID actorId,
                         String visitorEmail, UUID roomId, UUID documentId, UUID linkId, UUID sessionId,
                         Integer page, Integer seconds, String clientAddress, String objectType, UUID objectId,
                         boolean denied, Map<String, Object> data) {

    public static final String USER = "USER";
    public static final String VISITOR = "VISITOR";
    public static final String SYSTEM = "SYSTEM";

    public EventFacts {
        Objects.requireNonNull(type);
        Objects.requireNonNull(at);
        Objects.requireNonNull(actorType);
        data = data == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /** Refusals are written in a transaction of their own whatever becomes of the refused one (AUD-2). */
    public static boolean isDenial(CofferEvent e) {
        return e instanceof DataRoomEvents.AccessDenied || e instanceof ShareLinkEvents.AccessDenied
                || e instanceof IdentityEvents.LoginFailed;
    }

    /** The one reading of every event record of the modules (a record not listed: a SYSTEM event of its type). */
    public static EventFacts of(CofferEvent e) {
        B b = new B(e);
        if (e instanceof IdentityEvents.UserCreated x) {
            b.user(x.actor()).object("user", x.user().value());
        } else if (e instanceof IdentityEvents.UserInvited x) {
            b.user(x.actor()).object("invitation", x.invitation()).put("role", x.role().name());
        } else if (e instanceof IdentityEvents.PasswordResetRequested x) {
            b.user(x.user()).object("user", x.user().value()).client(x.clientAddress());
        } else if (e instanceof IdentityEvents.PasswordResetCompleted x) {
            b.user(x.user()).object("user", x.user().value());
        } else if (e instanceof IdentityEvents.LoginSucceeded x) {
            b.user(x.user()).object("user", x.user().value()).client(x.clientAddress());
        } else if (e instanceof IdentityEvents.LoginFailed x) {
            b.user(x.user()).client(x.clientAddress()).deny();
            b.actorType = USER; // someone tried to sign in as a member, known or not
            if (x.user() != null) {
                b.object("user", x.user().value());
            }
        } else if (e instanceof IdentityEvents.RoleChanged x) {
            b.user(x.actor()).object("user", x.user().value()).put("from", x.from().name()).put("to", x.to().name());
        } else if (e instanceof IdentityEvents.MemberRemoved x) {
            b.user(x.actor()).object("user", x.user().value());
        } else if (e instanceof IdentityEvents.MfaEnabled x) {
            b.user(x.user()).object("user", x.user().value()).put("method", x.method());
        } else if (e instanceof IdentityEvents.MfaDisabled x) {
            b.user(x.user()).object("user", x.user().value()).put("method", x.method());
        } else if (e instanceof IdentityEvents.MfaRecoveryCodesRegenerated x) {
            b.user(x.user()).object("user", x.user().value());
        } else if (e instanceof IdentityEvents.SecurityPolicyChanged x) {
            b.user(x.actor()).object("tenant", x.tenant().value()).put("policy", x.policy());
        } else if (e instanceof IdentityEvents.SsoLogin x) {
            b.user(x.user()).object("user", x.user().value()).client(x.clientAddress()).put("issuer", x.issuer())
                    .put("subject", x.subject());
        } else if (e instanceof IdentityEvents.SsoSettingsChanged x) {
            b.user(x.actor()).object("tenant", x.tenant().value()).put("settings", x.settings());
        } else if (e instanceof IdentityEvents.SessionsRevoked x) {
            b.user(x.actor()).object("user", x.user().value())
                    .put("sessionId", x.session() == null ? "all" : x.session().toString());
        } else if (e instanceof DataRoomEvents.DataRoomCreated x) {
            b.user(x.actor()).room(x.room().value()).object("dataroom", x.room().value());
        } else if (e instanceof DataRoomEvents.FolderCreated x) {
            b.user(x.actor()).room(x.room().value()).object("folder", x.folder().value())
                    .put("parentId", x.parent() == null ? null : x.parent().value().toString());
        } else if (e instanceof DataRoomEvents.GrantChanged x) {
            b.user(x.actor()).room(x.room().value()).object("dataroom", x.room().value()).put("grants", x.grants());
        } else if (e instanceof DataRoomEvents.GroupMembersChanged x) {
            b.user(x.actor()).object("group", x.group().value()).put("members", x.members());
        } else if (e instanceof DataRoomEvents.AccessDenied x) {
            b.user(x.actor()).object("item", x.object()).deny().put("needed", x.needed().name())
                    .put("refusal", x.refusal().name());
        } else if (e instanceof DocumentEvents.Uploaded x) {
            b.user(x.actor()).room(x.room().value()).document(x.document().value())
                    .put("version", x.version()).put("size", x.size());
        } else if (e instanceof DocumentEvents.VersionAdded x) {
            b.user(x.actor()).room(x.room().value()).document(x.document().value()).put("version", x.version()).put("size", x.size());
        } else if (e instanceof DocumentEvents.Deleted x) {
            b.user(x.actor()).room(x.room().value()).document(x.document().value());
        } else if (e instanceof DocumentEvents.Purged x) {
            b.document(x.document().value()).put("bytes", x.bytes());
        } else if (e instanceof DocumentEvents.Downloaded x) {
            DocumentEvents.Reader r = x.reader();
            if (r.member() != null) {
                b.user(r.member());
            } else {
                b.visitor(r.visitorSession(), r.visitorEmail()).link(r.link().value());
            }
            b.room(x.room().value()).document(x.document().value()).client(x.clientAddress())
                    .put("version", x.version()).put("via", x.via().name()).put("watermarked", x.watermarked());
        } else if (e instanceof ShareLinkEvents.Created x) {
            b.user(x.actor()).room(x.room()).link(x.link()).put("targetType", x.targetType())
                    .put("targetId", x.target());
        } else if (e instanceof ShareLinkEvents.Updated x) {
            b.user(x.actor()).room(x.room()).link(x.link()).put("changed", x.changed())
                    .put("sessionsEnded", x.sessionsEnded());
        } else if (e instanceof ShareLinkEvents.Revoked x) {
            b.user(x.actor()).room(x.room()).link(x.link());
        } else if (e instanceof ShareLinkEvents.Opened x) {
            b.visitor(null, null).room(x.room()).link(x.link()).client(x.clientAddress());
        } else if (e instanceof ShareLinkEvents.AccessDenied x) {
            b.visitor(null, x.email()).room(x.room()).link(x.link()).client(x.clientAddress()).deny()
                    .put("policy", x.policy());
        } else if (e instanceof ShareLinkEvents.DocumentViewed x) {
            b.visitor(x.session(), x.email()).room(x.room()).link(x.link()).document(x.document())
                    .client(x.clientAddress());
            b.page = x.page();
            b.seconds = x.seconds();
        } else if (e instanceof ShareLinkEvents.SessionStarted x) {
            b.visitor(x.session(), x.email()).room(x.room()).link(x.link()).client(x.clientAddress());
        } else if (e instanceof ShareLinkEvents.NdaAccepted x) {
            b.visitor(x.session(), x.email()).room(x.room()).link(x.link()).client(x.clientAddress())
                    .put("ndaVersion", x.ndaVersion()).put("ndaSha256", x.ndaSha256());
        } else if (e instanceof DocumentEvents.Quarantined x) {
            b.room(x.room() == null ? null : x.room().value()).document(x.document().value())
                    .put("version", x.version()).put("sha256", x.sha256()).put("finding", x.finding());
        } else if (e instanceof FileRequestEvents.Uploaded x) {
            b.visitor(null, x.email()).room(x.room().value()).document(x.document().value()).client(x.clientAddress())
                    .put("fileRequestId", x.request().toString()).put("name", x.name()).put("size", x.size());
        } else if (e instanceof ActivityEvents.PrivacyErased x) {
            b.user(x.actor()).object("user", x.actor().value()); // who asked; never the erased email
        } else if (e instanceof AutomationEvents.Note x) {
            b.room(x.room()).link(x.link()).document(x.document()).object("automation-rule", x.rule())
                    .put("rule", x.ruleName()).put("text", x.text()).put("triggeredBy", x.triggeredBy());
        }
        return b.build();
    }

    /** Collects the facts of one event; the object defaults to the most specific id named. */
    private static final class B {
        private final CofferEvent e;
        private String actorType = SYSTEM;
        private UUID actorId;
        private String email;
        private UUID room;
        private UUID document;
        private UUID link;
        private UUID session;
        private Integer page;
        private Integer seconds;
        private String client;
        private String objectType;
        private UUID objectId;
        private boolean denied;
        private final Map<String, Object> data = new LinkedHashMap<>();

        B(CofferEvent e) {
            this.e = e;
        }

        B user(UserId user) {
            if (user != null) {
                actorType = USER;
                actorId = user.value();
            }
            return this;
        }

        B visitor(UUID visitorSession, String visitorEmail) {
            actorType = VISITOR;
            actorId = visitorSession;
            session = visitorSession;
            email = visitorEmail;
            return this;
        }

        B room(UUID id) {
            room = id;
            return this;
        }

        B document(UUID id) {
            document = id;
            return this;
        }

        B link(UUID id) {
            link = id;
            return this;
        }

        B client(String address) {
            client = address;
            return this;
        }

        B object(String type, UUID id) {
            objectType = type;
            objectId = id;
            return this;
        }

        B deny() {
            denied = true;
            return this;
        }

        B put(String key, Object value) {
            if (value != null) {
                data.put(key, value);
            }
            return this;
        }

        EventFacts build() {
            if (objectType == null) {
                if (document != null) {
                    object("document", document);
                } else if (link != null) {
                    object("share-link", link);
                } else if (room != null) {
                    object("dataroom", room);
                }
            }
            return new EventFacts(e.tenant(), e.type(), e.at(), actorType, actorId, email, room, document, link,
                    session, page, seconds, client, objectType, objectId, denied, data);
        }
    }
}
