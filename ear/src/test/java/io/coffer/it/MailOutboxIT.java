package io.coffer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import jakarta.mail.internet.MimeMessage;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Identity mails are outbox work (OUT-12): one row per mail, done once, its sealed payload dropped when done. */
class MailOutboxIT {

    @BeforeAll
    static void mail() {
        ItMail.start();
    }

    @Test
    void out12_out9_out11_aResetMailIsSentFromTheOutboxOnceAndCarriesTheWorksId() throws Exception {
        UUID tenant = ItDatabase.tenant("mailbox");
        ItDatabase.User user = ItDatabase.user(tenant, "reset-" + UUID.randomUUID().toString().substring(0, 6)
                + "@mailbox.test", "MEMBER");
        PasswordResetIT.request(user);
        String token = ItMail.token(ItMail.awaitMail(user.email(), 1));
        MimeMessage sent = ItMail.mailsTo(user.email()).get(0);
        String delivery = sent.getHeader("X-Coffer-Delivery")[0];
        assertNotNull(delivery);
        assertEquals("<" + delivery + "@coffer>", sent.getMessageID(), "OUT-11: the Message-ID is the work's id");
        assertEquals(1, ItDatabase.number(tenant, "select count(*) from outbox where id = cast(? as uuid)"
                + " and kind = 'mail' and state = 'DONE' and attempts = 1 and tenant_id = ?", delivery, tenant),
                "OUT-12: the mail was outbox work of its tenant, done at the first try");
        assertEquals(1, ItDatabase.number(tenant, "select count(*) from outbox where id = cast(? as uuid)"
                + " and payload is null", delivery), "OUT-9: the sealed payload (with the token) is gone once done");
        assertEquals(0, ItDatabase.number(tenant, "select count(*) from outbox where position(convert_to(?, 'UTF8')"
                + " in coalesce(payload, ''::bytea)) > 0", token), "the token is nowhere in the outbox");
        Thread.sleep(1500);
        ItMail.assertNoMoreMail(user.email(), 1);
    }
}
