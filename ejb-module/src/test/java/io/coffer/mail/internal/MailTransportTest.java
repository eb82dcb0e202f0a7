package io.coffer.mail.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.coffer.platform.CofferSettings;
import io.coffer.platform.CofferSettings.SmtpTls;
import java.util.Map;

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

/**
 * ID-23: without SMTP a mail becomes a complete RFC 5322 .eml file, written atomically, holding its secret once.
 * ID-36: with SMTP credentials nothing (password, mail) goes to a server in clear unless COFFER_SMTP_TLS=off.
 */
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

    private static GreenMail plainSmtpWithAuth() {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        smtp.setUser("coffer@mail.test", "coffer", "smtp-secret");
        return smtp;
    }

    private MailTransport transport(GreenMail smtp, Map<String, String> more) {
        Map<String, String> values = new java.util.HashMap<>(Map.of("COFFER_SMTP_HOST", "127.0.0.1",
                "COFFER_SMTP_PORT", Integer.toString(smtp.getSmtp().getPort()), "COFFER_HOME", home.toString()));
        values.putAll(more);
        return new MailTransport(new CofferSettings(name -> Optional.ofNullable(values.get(name))).mail());
    }

    private static final Mail MAIL = new Mail("ada@example.test", "Verify", "Open http://x/verify?token=T0KEN\n");

    @Test
    void id36_withCredentialsAServerWithoutStartTlsGetsNeitherThePasswordNorTheMail() {
        GreenMail smtp = plainSmtpWithAuth();
        try {
            MailTransport transport = transport(smtp, Map.of("COFFER_SMTP_USER", "coffer",
                    "COFFER_SMTP_PASSWORD", "smtp-secret"));
            assertThrows(IllegalStateException.class, () -> transport.deliver(MAIL));
            assertEquals(0, smtp.getReceivedMessages().length, "nothing was sent in clear");
        } finally {
            smtp.stop();
        }
    }

    @Test
    void id36_offIsTheOperatorsExplicitChoiceToSendInClear() {
        GreenMail smtp = plainSmtpWithAuth();
        try {
            transport(smtp, Map.of("COFFER_SMTP_USER", "coffer", "COFFER_SMTP_PASSWORD", "smtp-secret",
                    "COFFER_SMTP_TLS", "off")).deliver(MAIL);
            assertEquals(1, smtp.getReceivedMessages().length, "the same server takes the mail when TLS is off");
        } finally {
            smtp.stop();
        }
    }

    @Test
    void id36_withoutCredentialsStartTlsIsUsedWhenOfferedAndAPlainServerStillGetsTheMail() {
        GreenMail smtp = plainSmtpWithAuth();
        try {
            transport(smtp, Map.of()).deliver(MAIL);
            assertEquals(1, smtp.getReceivedMessages().length);
        } finally {
            smtp.stop();
        }
    }

    @Test
    void id36_theSessionPropertiesFollowCofferSmtpTls() {
        java.util.function.Function<Map<String, String>, Properties> props = values -> {
            Map<String, String> all = new java.util.HashMap<>(Map.of("COFFER_SMTP_HOST", "smtp.example.test"));
            all.putAll(values);
            return MailTransport.properties(new CofferSettings(n -> Optional.ofNullable(all.get(n))).mail());
        };
        Properties withCredentials = props.apply(Map.of("COFFER_SMTP_USER", "u", "COFFER_SMTP_PASSWORD", "p"));
        assertEquals("true", withCredentials.get("mail.smtp.starttls.enable"));
        assertEquals("true", withCredentials.get("mail.smtp.starttls.required"), "required by default with credentials");
        assertEquals("true", withCredentials.get("mail.smtp.ssl.checkserveridentity"));
        Properties anonymous = props.apply(Map.of());
        assertEquals("true", anonymous.get("mail.smtp.starttls.enable"));
        assertEquals("false", anonymous.get("mail.smtp.starttls.required"), "when offered, without credentials");
        Properties off = props.apply(Map.of("COFFER_SMTP_USER", "u", "COFFER_SMTP_TLS", "off"));
        assertEquals("false", off.get("mail.smtp.starttls.enable"));
        assertEquals("true", props.apply(Map.of("COFFER_SMTP_TLS", "required")).get("mail.smtp.starttls.required"));
        assertEquals(SmtpTls.REQUIRED, new CofferSettings(n -> Optional.ofNullable(Map.of("COFFER_SMTP_HOST", "h",
                "COFFER_SMTP_USER", "u").get(n))).mail().tls());
        assertThrows(io.coffer.platform.StartupFailure.class, () -> props.apply(Map.of("COFFER_SMTP_USER", "u",
                "COFFER_SMTP_TLS", "starttls-when-offered")), "credentials over a connection that may stay clear");
        assertThrows(io.coffer.platform.StartupFailure.class, () -> props.apply(Map.of("COFFER_SMTP_TLS", "yes")));
    }
}
