package io.coffer.sharelinks;

import io.coffer.identity.CallerCheck;
import io.coffer.identity.MemberContacts;
import io.coffer.mail.Mail;
import io.coffer.mail.Mailer;
import io.coffer.platform.Throttling;
import io.coffer.platform.ThrottlingGate;
import io.coffer.shared.LinkId;
import io.coffer.shared.UserId;
import io.coffer.shared.error.ConflictException;
import io.coffer.shared.error.NotFoundException;
import io.coffer.shared.error.ValidationException;
import io.coffer.sharelinks.internal.AccessRequestRows;
import io.coffer.sharelinks.internal.EmailRules;
import io.coffer.sharelinks.internal.VisitorGate;
import io.coffer.tenancy.SecretKind;
import io.coffer.tenancy.TenantOfSecret;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Access requests (contract "POST /public/links/{token}/access-requests", docs/features/sharelinks.md, AR-1..AR-7): a
 * visitor the link's allow list refuses asks for access with an email and a message; the link's creator is mailed;
 * a manager of the link approves (the email joins the link's allow list, through {@link ShareLinks#update}, the one
 * way a link changes) or denies. The visitor's side answers 202 whatever was stored, so it tells nothing of the list.
 */
@Stateless
@PermitAll
public class AccessRequests {

    public static final int MAX_MESSAGE = 2000;
    /** Requests one address may make in the throttle's window (each stores a row and may send a mail). */
    public static final int PER_ADDRESS = 20;

    /** A request as the link's managers see it. */
    public record Request(UUID id, UUID linkId, String email, String message, String status, Instant createdAt,
                          Instant decidedAt) {
    }

    @Inject
    VisitorGate gate;
    @Inject
    AccessRequestRows rows;
    @EJB
    ThrottlingGate throttle;
    @EJB
    ShareLinks links;
    @EJB
    CallerCheck callers;
    @Inject
    MemberContacts contacts;
    @Inject
    Mailer mailer;
    @Inject
    Clock clock;

    /**
     * A visitor asks (AR-1): an unknown or revoked link is 404 as everywhere; a bad email or message 400; otherwise 202
     * — stored and mailed once per pending email (AR-5), nothing when the email is already let in.
     */
    @TenantOfSecret(SecretKind.SHARE_LINK)
    public void ask(String linkToken, String email, String message, String client) {
        VisitorGate.Loaded l = gate.load(linkToken);
        String normal = EmailRules.normalEmail(email);
        if (normal == null) {
            throw ValidationException.of("email", "must be an email address");
        }
        String text = message == null ? null : message.strip();
        if (text != null && (text.length() > MAX_MESSAGE
                || text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t'))) {
            throw ValidationException.of("message", "must be at most " + MAX_MESSAGE
                    + " characters without control characters");
        }
        throttle.attempt(Throttling.addressKey("access-request", client), PER_ADDRESS);
        if (l.rules().emailRules().allows(normal) || l.rules().revoked()) {
            return; // nothing to ask for; the same answer (AR-1)
        }
        Instant now = clock.instant();
        if (!rows.addPending(l.rules().id(), normal, text == null || text.isEmpty() ? null : text, now)) {
            return; // already pending: one row, one mail (AR-5)
        }
        contacts.of(new UserId(l.rules().createdBy())).ifPresent(creator -> mailer.sendAfterCommit(new Mail(
                creator.email(), "Access requested to your Coffer link",
                normal + " asks for access to your link \"" + (l.rules().name() == null ? "(no name)" : l.rules().name())
                        + "\".\n\n" + (text == null || text.isEmpty() ? "" : "Their message:\n" + text + "\n\n")
                        + "Approve or deny it in Coffer, in the link's access requests.\n")));
    }

    /** The link's requests, newest first (MANAGE on the link, as for reading it). */
    public List<Request> list(LinkId link) {
        links.requireManage(link);
        return rows.of(link.value());
    }

    /** AR-2: the email joins the link's allow list (a manager of the link); the request is then APPROVED. */
    public void approve(UUID id) {
        AccessRequestRows.Row row = pending(id);
        ShareLink link = links.get(new LinkId(row.linkId()));
        List<String> allow = new ArrayList<>(link.allowEmails());
        if (!allow.contains(row.email())) {
            allow.add(row.email());
        }
        links.update(new LinkId(row.linkId()), new LinkSettings(null, null, null, null, null, null, null, allow, null,
                null, null, null, null, null, null, null, null, null, null), Set.of("allowEmails"));
        rows.decide(id, "APPROVED", callers.current().user().value(), clock.instant());
    }

    /** AR-3: the request is DENIED; the link is unchanged. */
    public void deny(UUID id) {
        AccessRequestRows.Row row = pending(id);
        links.requireManage(new LinkId(row.linkId()));
        rows.decide(id, "DENIED", callers.current().user().value(), clock.instant());
    }

    /** A request of the tenant, managed by the caller (else 404/403 as its link), still pending (else 409). */
    private AccessRequestRows.Row pending(UUID id) {
        Optional<AccessRequestRows.Row> row = rows.find(id);
        if (row.isEmpty()) {
            throw new NotFoundException("no such access request");
        }
        links.requireManage(new LinkId(row.get().linkId()));
        if (!"PENDING".equals(row.get().status())) {
            throw new ConflictException("This access request was already " + row.get().status().toLowerCase(
                    java.util.Locale.ROOT) + ".");
        }
        return row.get();
    }
}
