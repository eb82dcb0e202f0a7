package io.coffer.mail.internal;

import io.coffer.mail.Mail;
import io.coffer.outbox.OutboxHandler;
import io.coffer.outbox.OutboxWork;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.coffer.shared.JsonP;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.logging.Logger;

/**
 * Delivers the mails that {@link io.coffer.mail.Mailer} put on the outbox (kind {@value #KIND}): SMTP or the
 * {@code .eml} mailbox through {@link MailTransport}; a failure is tried again by the outbox (OUT-12).
 */
@ApplicationScoped
public class MailHandler implements OutboxHandler {

    public static final String KIND = "mail";
    private static final Logger LOG = Logger.getLogger(MailHandler.class.getName());

    @Inject
    MailTransport transport;

    /** The outbox payload of a mail (sealed at rest by the outbox: it may carry a token). */
    public static String payload(Mail mail) {
        return JsonP.createObjectBuilder().add("to", mail.to()).add("subject", mail.subject())
                .add("text", mail.text()).build().toString();
    }

    static Mail mail(String payload) {
        try (var reader = JsonP.createReader(new StringReader(payload))) {
            JsonObject o = reader.readObject();
            return new Mail(o.getString("to"), o.getString("subject"), o.getString("text"));
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void handle(OutboxWork work) {
        transport.deliver(mail(work.payload()), work.id().toString());
    }

    @Override
    public void dead(OutboxWork work, String lastError) {
        LOG.warning("Mail " + work.id() + " could not be sent after " + work.attempt() + " tries: " + lastError);
    }
}
