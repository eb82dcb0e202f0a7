package io.coffer.it;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The real SMTP server (GreenMail) that the test server sends to; started once per test run. */
public final class ItMail {
    private static final int PORT = Integer.getInteger("it.smtp.port", 9125);
    private static GreenMail server;
    private static final Pattern TOKEN = Pattern.compile("[?&]token=([A-Za-z0-9_-]+)");

    private ItMail() {
    }

    public static synchronized void start() {
        if (server == null) {
            server = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            server.start();
        }
    }

    /** Every mail received so far, oldest first (WebAppE2EIT writes them out as .eml files for the browser suite). */
    public static MimeMessage[] received() {
        return server.getReceivedMessages();
    }

    /** Every mail received so far for {@code to}. */
    public static List<MimeMessage> mailsTo(String to) {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage m : Arrays.asList(server.getReceivedMessages())) {
            try {
                if (Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equalsIgnoreCase(to))) {
                    found.add(m);
                }
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return found;
    }

    /** Waits (up to 10 s) until {@code to} has at least {@code count} mails, and answers the newest's body. */
    public static String awaitMail(String to, int count) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            List<MimeMessage> mails = mailsTo(to);
            if (mails.size() >= count) {
                return GreenMailUtil.getBody(mails.get(mails.size() - 1)).replace("=\r\n", "").replace("=3D", "=");
            }
            sleep(100);
        }
        throw new AssertionError("no mail #" + count + " for " + to + " within 10 s (" + mailsTo(to).size() + ")");
    }

    /** Asserts that {@code to} still has exactly {@code count} mails after a grace period. */
    public static void assertNoMoreMail(String to, int count) {
        sleep(2000);
        int received = mailsTo(to).size();
        if (received != count) {
            throw new AssertionError("expected " + count + " mails for " + to + ", got " + received);
        }
    }

    public static String token(String body) {
        Matcher m = TOKEN.matcher(body);
        if (!m.find()) {
            throw new AssertionError("no token link in: " + body);
        }
        return m.group(1);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
