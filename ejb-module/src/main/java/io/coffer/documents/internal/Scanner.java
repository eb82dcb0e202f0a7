package io.coffer.documents.internal;

import fi.solita.clamav.ClamAVClient;
import io.coffer.platform.CofferSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The one conversation with clamd (docs/features/file-requests.md, FR-7..FR-9): the bytes through INSTREAM
 * (clamav-client), the reply read strictly. Only {@code stream: OK} is clean and only {@code stream: <name> FOUND} is a
 * finding; anything else — no clamd, a refused or closed socket, a timeout, a size-limit or other error reply — is
 * {@link Verdict#UNAVAILABLE}, which keeps the version SCANNING (fail closed) until a later try answers.
 */
@ApplicationScoped
public class Scanner {

    /** How long a reply may take (socket read timeout, per read): a stalled clamd is a scanner that is down. */
    static final int TIMEOUT_MS = 60_000;

    public enum Verdict { CLEAN, INFECTED, UNAVAILABLE }

    public record Result(Verdict verdict, String finding) {
        static final Result UNAVAILABLE = new Result(Verdict.UNAVAILABLE, null);
    }

    @Inject
    CofferSettings settings;

    private Optional<CofferSettings.Scanner> where;
    private int timeoutMs = TIMEOUT_MS;

    protected Scanner() {
    }

    Scanner(Optional<CofferSettings.Scanner> where, int timeoutMs) {
        this.where = where;
        this.timeoutMs = timeoutMs;
    }

    private Optional<CofferSettings.Scanner> where() {
        if (where == null) {
            where = settings.scanner();
        }
        return where;
    }

    /** Whether a scanner is configured ({@code COFFER_CLAMAV}); then every upload is scanned. */
    public boolean configured() {
        return where().isPresent();
    }

    /** Whether uploads may be taken without a scanner ({@code COFFER_SCAN=off}, FR-13). */
    public boolean unscannedAllowed() {
        return !configured() && settings.scanningOff();
    }

    /** Scans {@code bytes} (closed by the caller); UNAVAILABLE when no scanner is configured. */
    public Result scan(InputStream bytes) {
        Optional<CofferSettings.Scanner> at = where();
        if (at.isEmpty()) {
            return Result.UNAVAILABLE;
        }
        try {
            return read(new ClamAVClient(at.get().host(), at.get().port(), timeoutMs).scan(bytes));
        } catch (Exception e) { // IOException, ClamAVSizeLimitException, a reset mid-stream: no verdict
            return Result.UNAVAILABLE;
        }
    }

    /** clamd's reply: {@code stream: OK}, {@code stream: <signature> FOUND}, or an error (anything else). */
    static Result read(byte[] reply) {
        String text = new String(reply, StandardCharsets.US_ASCII).replace("\0", "").strip();
        if (!text.startsWith("stream: ")) {
            return Result.UNAVAILABLE;
        }
        String rest = text.substring("stream: ".length());
        if (rest.equals("OK")) {
            return new Result(Verdict.CLEAN, null);
        }
        if (rest.endsWith(" FOUND") && rest.length() > " FOUND".length()) {
            String finding = rest.substring(0, rest.length() - " FOUND".length()).strip();
            return finding.isEmpty() ? Result.UNAVAILABLE : new Result(Verdict.INFECTED, finding);
        }
        return Result.UNAVAILABLE;
    }
}
