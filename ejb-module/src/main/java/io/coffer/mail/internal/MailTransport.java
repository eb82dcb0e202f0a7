package io.coffer.mail.internal;

import io.coffer.mail.Mail;
import io.coffer.platform.CofferSettings;
import io.coffer.platform.CofferSettings.MailSettings;
import io.coffer.platform.CofferSettings.SmtpTls;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Puts a mail on its way: SMTP when configured (STARTTLS as {@code COFFER_SMTP_TLS} says: required with credentials),
 * else an atomically written {@code .eml}.
 */
@ApplicationScoped
public class MailTransport {

    private static final Logger LOG = Logger.getLogger(MailTransport.class.getName());

    @Inject
    CofferSettings settings;

    private MailSettings mail;
    private Session session;

    protected MailTransport() {
    }

    /** For tests outside the container. */
    public MailTransport(MailSettings mail) {
        this.mail = mail;
        this.session = session(mail);
    }

    @PostConstruct
    void configure() {
        if (mail == null) {
            mail = settings.mail();
            session = session(mail);
        }
    }

    /**
     * The SMTP session's properties ({@code COFFER_SMTP_TLS}): {@code required} makes the transport fail before it
     * authenticates or sends anything unless STARTTLS succeeds; the server's certificate and name are checked whenever
     * TLS is used; {@code off} never starts TLS.
     */
    static Properties properties(MailSettings mail) {
        Properties props = new Properties();
        mail.smtpHost().ifPresent(host -> {
            props.put("mail.smtp.host", host);
            props.put("mail.smtp.port", Integer.toString(mail.smtpPort()));
            boolean tls = mail.tls() != SmtpTls.OFF;
            props.put("mail.smtp.starttls.enable", Boolean.toString(tls));
            props.put("mail.smtp.starttls.required", Boolean.toString(mail.tls() == SmtpTls.REQUIRED));
            if (tls) {
                props.put("mail.smtp.ssl.checkserveridentity", "true");
            }
            props.put("mail.smtp.connectiontimeout", "10000");
            props.put("mail.smtp.timeout", "10000");
            props.put("mail.smtp.writetimeout", "10000");
        });
        if (mail.smtpUser().isPresent()) {
            props.put("mail.smtp.auth", "true");
        }
        return props;
    }

    private static Session session(MailSettings mail) {
        Properties props = properties(mail);
        if (mail.smtpUser().isPresent()) {
            return Session.getInstance(props, new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(mail.smtpUser().get(), mail.smtpPassword().orElse(""));
                }
            });
        }
        return Session.getInstance(props);
    }

    public void deliver(Mail outgoing) {
        deliver(outgoing, null);
    }

    /**
     * Sends {@code outgoing}; with a {@code deliveryId} (the outbox work's id) the mail carries it as its
     * {@code Message-ID} and in {@code X-Coffer-Delivery}, so that a second delivery after a crash (OUT-11) is
     * recognisable as the same mail.
     */
    public void deliver(Mail outgoing, String deliveryId) {
        try {
            MimeMessage message = deliveryId == null ? new MimeMessage(session) : new MimeMessage(session) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", "<" + deliveryId + "@coffer>");
                }
            };
            if (deliveryId != null) {
                message.setHeader("X-Coffer-Delivery", deliveryId);
            }
            message.setFrom(new InternetAddress(mail.from()));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(outgoing.to(), true));
            message.setSubject(outgoing.subject(), "UTF-8");
            message.setText(outgoing.text(), "UTF-8");
            message.setSentDate(new Date());
            message.saveChanges();
            if (mail.smtpHost().isPresent()) {
                Transport.send(message);
                LOG.info(() -> "Sent " + outgoing + " through " + mail.smtpHost().get());
            } else {
                Path file = writeAtomically(message);
                LOG.info(() -> "Wrote " + outgoing + " to " + file);
            }
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("mail not sent (" + e.getMessage() + ")", e);
        }
    }

    /** Temporary name, fsync, rename: a reader never sees half a mail. */
    private Path writeAtomically(MimeMessage message) throws IOException, MessagingException {
        Path box = mail.mailbox();
        Files.createDirectories(box);
        String name = Instant.now().toString().replace(':', '-') + "-" + UUID.randomUUID() + ".eml";
        Path tmp = box.resolve("." + name + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            message.writeTo(out);
        }
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Path target = box.resolve(name);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }
}
