package io.coffer.mail.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coffer.mail.Mail;
import io.coffer.platform.CofferSettings.MailSettings;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ID-23: without SMTP a mail becomes a complete RFC 5322 .eml file, written atomically, holding its secret once. */
class MailTransportTest {

    @TempDir
    Path home;

    @Test
    void id23_withoutSmtpEachMailIsACompleteEmlFileAndNoTemporaryFileRemains() throws Exception {
        Path box = home.resolve("mail");
        MailTransport transport = new MailTransport(new MailSettings(Optional.empty(), 587, Optional.empty(),
                Optional.empty(), "Coffer <coffer@localhost>", box));
        String link = "http://localhost:9080/reset-password?token=SECRET-abc_123";
        transport.deliver(new Mail("ada@example.test", "Reset your Coffer password", "Open " + link + "\n"));

        List<Path> files;
        try (Stream<Path> listing = Files.list(box)) {
            files = listing.toList();
        }
        assertEquals(1, files.size(), "one file, no temporary left: " + files);
        assertTrue(files.get(0).getFileName().toString().endsWith(".eml"));
        try (InputStream in = Files.newInputStream(files.get(0))) {
            MimeMessage parsed = new MimeMessage(Session.getInstance(new Properties()), in);
            assertEquals("Reset your Coffer password", parsed.getSubject());
            assertEquals("ada@example.test", parsed.getAllRecipients()[0].toString());
            assertTrue(parsed.getFrom()[0].toString().contains("coffer@localhost"));
            String body = parsed.getContent().toString();
            assertEquals(1, body.split("SECRET-abc_123", -1).length - 1, "the secret appears once");
        }
    }
}
