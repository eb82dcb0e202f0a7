package io.coffer.sharelinks.internal;

import io.coffer.datarooms.Permission;
import java.time.Instant;
import java.util.Optional;

/**
 * Everything the policies decide on for one visitor request: the link, when, what the visitor gave (for a session),
 * the visitor session (for every later request), and the item asked for with what the scope says of it.
 *
 * @param passwordOk  whether the given password matched (null: none given, or not checked because throttled)
 * @param codeOk      whether the given email code was right (null: none given)
 * @param item        the requested item in the link's scope; null when the request names no item; an empty
 *                    Optional when the item is outside the scope or hidden
 * @param pdf         whether the requested item is a PDF (a watermarked link only hands out stamped PDFs)
 */
public record Visit(LinkRules link, Instant now, Permission creatorOnTarget, String email, Boolean passwordOk,
                   Boolean codeOk, boolean ndaAccepted, Optional<VisitorClaims> session,
                   Optional<LinkScope.Entry> item, boolean pdf) {

    public static Visit open(LinkRules link, Instant now, Permission creatorOnTarget) {
        return new Visit(link, now, creatorOnTarget, null, null, null, false, Optional.empty(), null, false);
    }

    public Visit withItem(Optional<LinkScope.Entry> item, boolean pdf) {
        return new Visit(link, now, creatorOnTarget, email, passwordOk, codeOk, ndaAccepted, session, item, pdf);
    }

    /** The email the policies check: the session's proven one, else the one given now. */
    public String visitorEmail() {
        return session.map(VisitorClaims::email).orElse(email);
    }
}
