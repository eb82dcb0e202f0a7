package io.coffer.automation.internal;

import io.coffer.identity.MemberContacts;
import io.coffer.mail.Mail;
import io.coffer.mail.Mailer;
import io.coffer.platform.CofferSettings;
import io.coffer.shared.TenantId;
import io.coffer.shared.UserId;
import io.coffer.sharelinks.LinkActions;
import io.coffer.tenancy.TenantDirectory;
import io.coffer.tenancy.TenantScope;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The daily digest (AUTO-19, AUTO-20): from {@link #HOUR}:00 UTC on, each opted-in member gets one mail a day with
 * their links' views, visitors and downloads of the last 24 hours (read from the activity store). The timer runs on
 * every instance every 20 seconds; a digest is claimed by a unique (user, day) row in the same transaction that
 * queues its mail, so instances and repeated runs send it once.
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DigestJob {

    private static final Logger LOG = Logger.getLogger(DigestJob.class.getName());
    /** The UTC hour from which the day's digests go. */
    static final int HOUR = 7;

    @EJB
    TenantDirectory directory;

    @EJB
    TenantScope tenants;

    @Inject
    RuleStore store;

    @Inject
    LinkActions links;

    @Inject
    MemberContacts contacts;

    @Inject
    Mailer mailer;

    @Inject
    CofferSettings settings;

    @Inject
    Clock clock;

    @Schedule(hour = "*", minute = "*", second = "*/20", persistent = false)
    void tick() {
        Instant now = clock.instant();
        if (now.atZone(ZoneOffset.UTC).getHour() < HOUR) {
            return;
        }
        run(now);
    }

    void run(Instant now) {
        LocalDate day = now.atZone(ZoneOffset.UTC).toLocalDate();
        for (TenantId tenant : directory.all()) {
            try {
                List<UUID> due = tenants.call(tenant, () -> store.digestsDue(tenant, day));
                for (UUID user : due) {
                    tenants.call(tenant, () -> send(tenant, user, day, now));
                }
            } catch (RuntimeException e) {
                LOG.warning("Digests of tenant " + tenant + " not sent: " + e.getMessage());
            }
        }
    }

    private Void send(TenantId tenant, UUID user, LocalDate day, Instant now) {
        if (!store.claimDigest(tenant, user, day, now)) {
            return null;
        }
        MemberContacts.Contact contact = contacts.of(new UserId(user)).orElse(null);
        if (contact == null) {
            return null; // a removed member: the day is claimed, nothing is sent
        }
        List<LinkActions.LinkSummary> mine = links.createdBy(new UserId(user));
        List<long[]> counts = store.linkCounts(tenant, mine.stream().map(l -> l.id().value()).toList(),
                now.minus(Duration.ofHours(24)), now);
        StringBuilder text = new StringBuilder("Hello " + contact.displayName()
                + ",\n\nthe activity of your share links in the 24 hours up to " + now + " (UTC):\n\n");
        long total = 0;
        for (int i = 0; i < mine.size(); i++) {
            long[] c = counts.get(i);
            if (c[0] + c[1] + c[2] == 0) {
                continue;
            }
            total += c[0] + c[2];
            String name = mine.get(i).name() == null ? "Unnamed link" : mine.get(i).name();
            text.append("- ").append(name).append(" (").append(mine.get(i).id()).append("): ").append(c[0])
                    .append(" views, ").append(c[1]).append(" visitors, ").append(c[2]).append(" downloads\n");
        }
        if (total == 0 && text.indexOf("- ") < 0) {
            text.append("No activity on your links.\n");
        }
        text.append("\nStop these mails in your settings at ").append(settings.publicUrl())
                .append("/settings/automations\n");
        mailer.sendAfterCommit(new Mail(contact.email(), "Your Coffer digest for " + day, text.toString()));
        return null;
    }
}
