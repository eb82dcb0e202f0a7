package io.coffer.sharelinks.internal;

import io.coffer.datarooms.Permission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every share-link control as a named policy (docs/features/sharelinks.md, SL-1 to SL-13). Each answers allow
 * (empty) or a refusal for one {@link Visit}; {@link Policies} composes them per kind of request, in one place.
 */
public enum Policies implements LinkPolicy {

    /** SL-2: a revoked link answers like an unknown one. */
    NOT_REVOKED {
        @Override
        public Optional<Refusal> check(Visit v) {
            return v.link().revoked() ? Optional.of(Refusal.notFound(name())) : Optional.empty();
        }
    },
    /** SL-4: the link works only while its creator holds at least VIEW on the target, checked at each request. */
    CREATOR_STILL_HOLDS_IT {
        @Override
        public Optional<Refusal> check(Visit v) {
            return v.creatorOnTarget() == null || !v.creatorOnTarget().atLeast(Permission.VIEW)
                    ? Optional.of(Refusal.notFound(name())) : Optional.empty();
        }
    },
    /** SL-3: past {@code expiresAt} the link is gone. */
    NOT_EXPIRED {
        @Override
        public Optional<Refusal> check(Visit v) {
            return v.link().expiresAt() != null && !v.now().isBefore(v.link().expiresAt())
                    ? Optional.of(Refusal.gone(name(), "This link has expired.")) : Optional.empty();
        }
    },
    /** SL-5: with {@code maxViews} N, no (N+1)-th session (sessions already created keep working). */
    VIEWS_LEFT {
        @Override
        public Optional<Refusal> check(Visit v) {
            return v.link().maxViews() != null && v.link().viewCount() >= v.link().maxViews()
                    ? Optional.of(Refusal.gone(name(), "This link has reached its view limit.")) : Optional.empty();
        }
    },
    /** SL-6: the link's password, checked against its hash (after the throttle, SL-11). */
    PASSWORD {
        @Override
        public Optional<Refusal> check(Visit v) {
            return v.link().hasPassword() && !Boolean.TRUE.equals(v.passwordOk())
                    ? Optional.of(Refusal.credentials(name(), "password")) : Optional.empty();
        }
    },
    /** SL-7: an email address when the link asks for one (or verifies it, or has email rules). */
    EMAIL_GIVEN {
        @Override
        public Optional<Refusal> check(Visit v) {
            return v.link().needsEmail() && EmailRules.normalEmail(v.visitorEmail()) == null
                    ? Optional.of(Refusal.credentials(name(), "email")) : Optional.empty();
        }
    },
    /** SL-7: the email passes the allow and deny lists. */
    EMAIL_ALLOWED {
        @Override
        public Optional<Refusal> check(Visit v) {
            String email = EmailRules.normalEmail(v.visitorEmail());
            return email != null && v.link().emailRules().any() && !v.link().emailRules().allows(email)
                    ? Optional.of(Refusal.forbidden(name(), "This email address may not open this link."))
                    : Optional.empty();
        }
    },
    /** SL-8: a verified email (a mailed 6-digit code) when the link asks for it. */
    EMAIL_VERIFIED {
        @Override
        public Optional<Refusal> check(Visit v) {
            return v.link().verifyEmail() && !Boolean.TRUE.equals(v.codeOk())
                    ? Optional.of(Refusal.credentials(name(), "emailCode")) : Optional.empty();
        }
    },
    /** SL-12: the NDA accepted when the link has one. */
    NDA_ACCEPTED {
        @Override
        public Optional<Refusal> check(Visit v) {
            return v.link().hasNda() && !v.ndaAccepted()
                    ? Optional.of(Refusal.credentials(name(), "nda")) : Optional.empty();
        }
    },
    /**
     * SL-13: a visitor token of this link, of its current security version, not expired (signature and expiry are
     * checked when the claims are read). Anything else: 401 with nothing more to list.
     */
    VISITOR_SESSION {
        @Override
        public Optional<Refusal> check(Visit v) {
            boolean valid = v.session().filter(s -> s.linkId().equals(v.link().id())
                    && s.securityVersion() == v.link().securityVersion() && v.now().isBefore(s.expiresAt()))
                    .isPresent();
            return valid ? Optional.empty() : Optional.of(Refusal.credentials(name(), null));
        }
    },
    /** SL-10: the item asked for is in the link's scope and not hidden. */
    ITEM_VISIBLE {
        @Override
        public Optional<Refusal> check(Visit v) {
            return v.item() != null && v.item().isEmpty() ? Optional.of(Refusal.notFound(name())) : Optional.empty();
        }
    },
    /** SL-9: downloads are allowed for this item (the most specific setting: item override, else the link's). */
    DOWNLOAD_ALLOWED {
        @Override
        public Optional<Refusal> check(Visit v) {
            boolean allowed = v.item() == null ? v.link().allowDownload()
                    : v.item().map(LinkScope.Entry::downloadSetting).orElse(false);
            return allowed ? Optional.empty()
                    : Optional.of(Refusal.forbidden(name(), "Downloads are not allowed for this link."));
        }
    },
    /**
     * SL-4, SL-14: never more than the creator holds (DOWNLOAD on the item now), and a watermarked link hands out only
     * PDFs, stamped.
     */
    ITEM_DOWNLOADABLE {
        @Override
        public Optional<Refusal> check(Visit v) {
            if (v.item() == null || v.item().isEmpty()) {
                return Optional.empty();
            }
            if (!v.item().get().creatorHolds().atLeast(Permission.DOWNLOAD)) {
                return Optional.of(Refusal.forbidden(name(), "Downloads are not allowed for this document."));
            }
            if (v.link().watermark() && !v.pdf()) {
                return Optional.of(Refusal.forbidden(name(),
                        "This link is watermarked: only PDF documents can be downloaded."));
            }
            return Optional.empty();
        }
    };

    // ---- composed per kind of visitor request: the one place where the policies are put together. Every visitor
    // endpoint asks here: open; session creation; every derived view (tree, pages, beacons); every derived download
    // (content, HEAD, Range, tickets and their redemption, zip entries). Credential refusals are gathered so that one
    // 401 lists everything still missing or wrong; any other refusal answers at once (a credential refusal met
    // earlier still comes first, so that nothing about email rules is told to a visitor without the password).


    /** {@code GET /public/links/{token}}. */
    public static final List<LinkPolicy> OPEN = List.of(NOT_REVOKED, CREATOR_STILL_HOLDS_IT, NOT_EXPIRED, VIEWS_LEFT);

    /** {@code POST /public/links/{token}/sessions}: a session is a view. */
    public static final List<LinkPolicy> SESSION = List.of(NOT_REVOKED, CREATOR_STILL_HOLDS_IT, NOT_EXPIRED,
            VIEWS_LEFT, PASSWORD, EMAIL_GIVEN, EMAIL_ALLOWED, EMAIL_VERIFIED, NDA_ACCEPTED);

    /** Tree, page images, beacons: an open session of this link, and the item within the scope. */
    public static final List<LinkPolicy> VIEW = List.of(NOT_REVOKED, CREATOR_STILL_HOLDS_IT, NOT_EXPIRED,
            VISITOR_SESSION, EMAIL_ALLOWED, ITEM_VISIBLE);

    /** Content (GET, HEAD, Range), download tickets, zip entries: a view plus the download rules. */
    public static final List<LinkPolicy> DOWNLOAD = List.of(NOT_REVOKED, CREATOR_STILL_HOLDS_IT, NOT_EXPIRED,
            VISITOR_SESSION, EMAIL_ALLOWED, ITEM_VISIBLE, DOWNLOAD_ALLOWED, ITEM_DOWNLOADABLE);

    /** The refusal for this visit under {@code policies}, or empty when every policy allows it. */
    public static Optional<Refusal> decide(List<LinkPolicy> policies, Visit visit) {
        List<Refusal> missing = new ArrayList<>();
        for (LinkPolicy policy : policies) {
            Optional<Refusal> refusal = policy.check(visit);
            if (refusal.isEmpty()) {
                continue;
            }
            if (refusal.get().kind() != Refusal.Kind.CREDENTIALS) {
                return missing.isEmpty() ? refusal : Optional.of(missing.get(0));
            }
            missing.add(refusal.get());
        }
        return missing.isEmpty() ? Optional.empty() : Optional.of(missing.get(0));
    }

    /** What a credential refusal asks for: every requirement still missing or wrong under {@code policies}. */
    public static List<String> missing(List<LinkPolicy> policies, Visit visit) {
        List<String> requires = new ArrayList<>();
        for (LinkPolicy policy : policies) {
            policy.check(visit).filter(r -> r.kind() == Refusal.Kind.CREDENTIALS && r.requirement() != null)
                    .ifPresent(r -> requires.add(r.requirement()));
        }
        return requires;
    }
}
