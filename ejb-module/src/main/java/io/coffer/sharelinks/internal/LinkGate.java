package io.coffer.sharelinks.internal;

import static io.coffer.sharelinks.internal.Policies.CREATOR_STILL_HOLDS_IT;
import static io.coffer.sharelinks.internal.Policies.DOWNLOAD_ALLOWED;
import static io.coffer.sharelinks.internal.Policies.EMAIL_ALLOWED;
import static io.coffer.sharelinks.internal.Policies.EMAIL_GIVEN;
import static io.coffer.sharelinks.internal.Policies.EMAIL_VERIFIED;
import static io.coffer.sharelinks.internal.Policies.ITEM_DOWNLOADABLE;
import static io.coffer.sharelinks.internal.Policies.ITEM_VISIBLE;
import static io.coffer.sharelinks.internal.Policies.NDA_ACCEPTED;
import static io.coffer.sharelinks.internal.Policies.NOT_EXPIRED;
import static io.coffer.sharelinks.internal.Policies.NOT_REVOKED;
import static io.coffer.sharelinks.internal.Policies.PASSWORD;
import static io.coffer.sharelinks.internal.Policies.VIEWS_LEFT;
import static io.coffer.sharelinks.internal.Policies.VISITOR_SESSION;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one place where the share-link policies are composed, per kind of visitor request. Every visitor endpoint asks
 * here: open; session creation; every derived view (tree, pages, beacons); every derived download (content, HEAD,
 * Range, tickets and their redemption, zip entries). Credential refusals are gathered so that one 401 lists everything
 * still missing or wrong; any other refusal answers at once (a credential refusal met earlier still comes first, so
 * that nothing about email rules is told to a visitor without the password).
 */
public final class LinkGate {

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

    private LinkGate() {
    }

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
