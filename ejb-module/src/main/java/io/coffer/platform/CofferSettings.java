package io.coffer.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;

/**
 * The operator's configuration, read through MicroProfile Config (each property also from the environment variable
 * of the same name). The one place that knows the names and defaults of the contract's "Operator configuration".
 */
@ApplicationScoped
public class CofferSettings {

    public static final String EMBEDDED_DATABASE = "coffer";
    private static final Pattern ROLE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final Function<String, Optional<String>> source;

    @Inject
    public CofferSettings(Config config) {
        this(name -> config.getOptionalValue(name, String.class));
    }

    /** For tests and tools outside the container: {@code source} answers a property's raw value by name. */
    public CofferSettings(Function<String, Optional<String>> source) {
        this.source = source;
    }

    /** CDI needs a no-argument constructor for the client proxy of an application-scoped bean. */
    protected CofferSettings() {
        this.source = name -> Optional.empty();
    }

    private Optional<String> value(String name) {
        return source.apply(name).map(String::trim).filter(v -> !v.isEmpty());
    }

    /**
     * {@code COFFER_HOME}: where the embedded database, blobs and the dev mailbox live. A relative path is relative to
     * the directory the run command was started from ({@code COFFER_LAUNCH_DIR}, written by the build), never to
     * Liberty's output directory.
     */
    public Path home() {
        Path home = Path.of(value("COFFER_HOME").orElse("coffer-data"));
        if (home.isAbsolute()) {
            return home.normalize();
        }
        Path base = Path.of(value("COFFER_LAUNCH_DIR").orElse(System.getProperty("user.dir")));
        return base.resolve(home).toAbsolutePath().normalize();
    }

    public int embeddedDatabasePort() {
        String port = value("COFFER_EMBEDDED_DB_PORT").orElse("54329");
        try {
            int value = Integer.parseInt(port);
            if (value > 0 && value < 65536) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new StartupFailure("COFFER_EMBEDDED_DB_PORT must be a port number (1-65535)");
    }

    /** The JDBC URL the embedded database answers on (also the data source's default in server.xml). */
    public String embeddedDatabaseUrl() {
        return "jdbc:postgresql://127.0.0.1:" + embeddedDatabasePort() + "/" + EMBEDDED_DATABASE;
    }

    /** The database URL: the operator's {@code COFFER_DB_URL}, or the embedded database's. */
    public String databaseUrl() {
        return value("COFFER_DB_URL").orElseGet(this::embeddedDatabaseUrl);
    }

    /** Embedded when {@code COFFER_DB_URL} is unset (server.xml's default for it is the embedded URL itself). */
    public boolean embeddedDatabase() {
        return databaseUrl().equals(embeddedDatabaseUrl());
    }

    /** The role every query runs as (never a superuser, never BYPASSRLS). */
    public String databaseUser() {
        return value("COFFER_DB_USER").orElse("coffer_app");
    }

    /**
     * {@code COFFER_DB_PASSWORD}, the query role's password; unset with the embedded database → a random one kept under
     * {@code COFFER_HOME/db} (FD-15).
     */
    public Optional<String> databasePassword() {
        return value("COFFER_DB_PASSWORD");
    }

    /** The role that owns the schema and runs migrations; the query role when unset (embedded: its own role). */
    public String databaseOwnerUser() {
        return value("COFFER_DB_OWNER_USER").orElseGet(() -> embeddedDatabase() ? "coffer_owner" : databaseUser());
    }

    /**
     * {@code COFFER_DB_OWNER_PASSWORD}; unset → the query role's (one role does both), except for the embedded
     * database's own owner role, whose password is then random and kept under {@code COFFER_HOME/db} (FD-15).
     */
    public Optional<String> databaseOwnerPassword() {
        Optional<String> set = value("COFFER_DB_OWNER_PASSWORD");
        if (set.isPresent() || embeddedDatabase() && value("COFFER_DB_OWNER_USER").isEmpty()) {
            return set;
        }
        return databasePassword();
    }

    /** {@code COFFER_KEY_ENCRYPTION_KEY}: base64 of 32 bytes; unset → a key generated under {@code COFFER_HOME/keys}. */
    public Optional<String> keyEncryptionKey() {
        return value("COFFER_KEY_ENCRYPTION_KEY");
    }

    /**
     * {@code COFFER_KEY_ENCRYPTION_KEY_PREVIOUS}: comma-separated base64 keys that open sealed values but never seal
     * (a master key rotation, OPS-20); unset → none.
     */
    public List<String> previousKeyEncryptionKeys() {
        return value("COFFER_KEY_ENCRYPTION_KEY_PREVIOUS").stream()
                .flatMap(v -> java.util.Arrays.stream(v.split(","))).map(String::trim).filter(k -> !k.isEmpty())
                .toList();
    }

    /** {@code COFFER_BOOTSTRAP_TENANT}, {@code _EMAIL}, {@code _PASSWORD}: all three, or nothing. */
    public Optional<Bootstrap> bootstrap() {
        Optional<String> tenant = value("COFFER_BOOTSTRAP_TENANT");
        Optional<String> email = value("COFFER_BOOTSTRAP_EMAIL");
        Optional<String> password = source.apply("COFFER_BOOTSTRAP_PASSWORD").filter(p -> !p.isEmpty());
        if (tenant.isEmpty() && email.isEmpty() && password.isEmpty()) {
            return Optional.empty();
        }
        if (tenant.isEmpty() || email.isEmpty() || password.isEmpty()) {
            throw new StartupFailure("set all three of COFFER_BOOTSTRAP_TENANT, COFFER_BOOTSTRAP_EMAIL and"
                    + " COFFER_BOOTSTRAP_PASSWORD, or none");
        }
        return Optional.of(new Bootstrap(tenant.get(), email.get(), password.get()));
    }

    /** The first tenant and its OWNER, created at start when missing. */
    public record Bootstrap(String tenantSlug, String email, String password) {
        @Override
        public String toString() {
            return "Bootstrap[" + tenantSlug + ", " + email + "]"; // never the password
        }
    }

    /**
     * Outgoing mail: SMTP when {@code COFFER_SMTP_HOST} is set, else {@code .eml} files under the home. With SMTP
     * credentials, STARTTLS is required ({@code COFFER_SMTP_TLS} defaults to {@code required}) unless the operator sets
     * {@code off}; {@code starttls-when-offered} with credentials is refused at start, because a server (or anyone in
     * between) that offers no STARTTLS would get the password in clear.
     */
    public MailSettings mail() {
        int port;
        try {
            port = Integer.parseInt(value("COFFER_SMTP_PORT").orElse("587"));
        } catch (NumberFormatException e) {
            throw new StartupFailure("COFFER_SMTP_PORT must be a port number");
        }
        Optional<String> user = value("COFFER_SMTP_USER");
        SmtpTls tls = value("COFFER_SMTP_TLS").map(SmtpTls::parse)
                .orElse(user.isPresent() ? SmtpTls.REQUIRED : SmtpTls.STARTTLS_WHEN_OFFERED);
        if (user.isPresent() && tls == SmtpTls.STARTTLS_WHEN_OFFERED) {
            throw new StartupFailure("COFFER_SMTP_TLS=starttls-when-offered with COFFER_SMTP_USER would send the SMTP"
                    + " password in clear to a server that offers no STARTTLS: use required (the default), or off to"
                    + " allow that explicitly");
        }
        return new MailSettings(value("COFFER_SMTP_HOST"), port, user,
                source.apply("COFFER_SMTP_PASSWORD").filter(p -> !p.isEmpty()),
                value("COFFER_MAIL_FROM").orElse("Coffer <coffer@localhost>"), home().resolve("mail"), tls);
    }

    /** {@code COFFER_SMTP_TLS}: how SMTP uses STARTTLS. */
    public enum SmtpTls {
        /** STARTTLS must succeed (with the server's certificate and name checked) before anything else is sent. */
        REQUIRED("required"),
        /** STARTTLS when the server offers it, else in clear; only without credentials. */
        STARTTLS_WHEN_OFFERED("starttls-when-offered"),
        /** Never STARTTLS: the operator accepts a clear connection (e.g. a relay on the same host). */
        OFF("off");

        private final String value;

        SmtpTls(String value) {
            this.value = value;
        }

        static SmtpTls parse(String value) {
            for (SmtpTls tls : values()) {
                if (tls.value.equals(value)) {
                    return tls;
                }
            }
            throw new StartupFailure("COFFER_SMTP_TLS must be required, starttls-when-offered or off");
        }

        @Override
        public String toString() {
            return value;
        }
    }

    /** Where mail goes; {@code toString} never shows the password. */
    public record MailSettings(Optional<String> smtpHost, int smtpPort, Optional<String> smtpUser,
                               Optional<String> smtpPassword, String from, Path mailbox, SmtpTls tls) {

        /** With {@code COFFER_SMTP_TLS}'s default: required with credentials, else when offered. */
        public MailSettings(Optional<String> smtpHost, int smtpPort, Optional<String> smtpUser,
                            Optional<String> smtpPassword, String from, Path mailbox) {
            this(smtpHost, smtpPort, smtpUser, smtpPassword, from, mailbox,
                    smtpUser.isPresent() ? SmtpTls.REQUIRED : SmtpTls.STARTTLS_WHEN_OFFERED);
        }

        @Override
        public String toString() {
            return "MailSettings[" + smtpHost.map(h -> "smtp " + h + ":" + smtpPort + " tls " + tls)
                    .orElse("files " + mailbox) + "]";
        }
    }

    /**
     * {@code COFFER_TENANT_QUOTA_BYTES}: the bytes each organisation may store (every version and the trash count);
     * 0, the default, means no limit. A tenant's own limit in {@code storage_usage.quota_bytes} overrides it.
     */
    public long tenantQuotaBytes() {
        try {
            long quota = Long.parseLong(value("COFFER_TENANT_QUOTA_BYTES").orElse("0"));
            if (quota >= 0) {
                return quota;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new StartupFailure("COFFER_TENANT_QUOTA_BYTES must be 0 (no limit) or a positive number of bytes");
    }

    /**
     * Test-only ({@code coffer.test.statement-statistics}: the integration-test server's config dropin sets it, an
     * operator never would): the embedded database loads {@code pg_stat_statements}, so that a test can count the
     * statements a request runs (PERM-14, DR-4).
     */
    public boolean embeddedStatementStatistics() {
        return value("coffer.test.statement-statistics").map(Boolean::parseBoolean).orElse(false);
    }

    /** Where a clamd listens ({@code COFFER_CLAMAV=host:port}). */
    public record Scanner(String host, int port) {
    }

    /**
     * {@code COFFER_CLAMAV}: the {@code host:port} of a clamd that scans every upload (FR-7); empty when unset. A value
     * that is no {@code host:port} stops start-up.
     */
    public Optional<Scanner> scanner() {
        Optional<String> set = value("COFFER_CLAMAV").map(String::strip).filter(v -> !v.isEmpty());
        if (set.isEmpty()) {
            return Optional.empty();
        }
        String v = set.get();
        int colon = v.lastIndexOf(':');
        try {
            int port = Integer.parseInt(v.substring(colon + 1));
            String host = v.substring(0, Math.max(colon, 0));
            if (colon > 0 && port > 0 && port < 65536 && !host.isBlank()) {
                return Optional.of(new Scanner(host.startsWith("[") && host.endsWith("]")
                        ? host.substring(1, host.length() - 1) : host, port));
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new StartupFailure("COFFER_CLAMAV must be host:port of a clamd (for example localhost:3310)");
    }

    /**
     * {@code COFFER_SCAN=off}: the operator takes uploads unscanned (file requests then accept files without a
     * scanner, FR-13); anything else but {@code on} or unset stops start-up. With a scanner configured it is ignored:
     * a configured scanner always scans.
     */
    public boolean scanningOff() {
        Optional<String> set = value("COFFER_SCAN").map(v -> v.strip().toLowerCase(java.util.Locale.ROOT));
        if (set.isEmpty() || set.get().isEmpty() || set.get().equals("on")) {
            return false;
        }
        if (set.get().equals("off")) {
            return true;
        }
        throw new StartupFailure("COFFER_SCAN must be on or off");
    }

    /** {@code COFFER_MAX_UPLOAD_BYTES}: the largest accepted document (a long; default 2^31). */
    public long maxUploadBytes() {
        try {
            long max = Long.parseLong(value("COFFER_MAX_UPLOAD_BYTES").orElse("2147483648"));
            if (max > 0) {
                return max;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new StartupFailure("COFFER_MAX_UPLOAD_BYTES must be a positive number of bytes");
    }

    /**
     * {@code COFFER_WEBHOOK_ALLOW_PRIVATE}: allow webhook targets in loopback, private, link-local and the other
     * reserved ranges (WH-10); {@code false} unless set to {@code true}. Anything but true or false stops start-up.
     */
    public boolean webhookAllowPrivate() {
        return flag("COFFER_WEBHOOK_ALLOW_PRIVATE");
    }

    /**
     * {@code COFFER_SSO_ALLOW_PRIVATE}: allow single sign-on providers in loopback, private and the other reserved
     * ranges (an identity provider on the operator's own network), and plain http for a loopback provider (SSO-13);
     * {@code false} unless set to {@code true}. Anything but true or false stops start-up.
     */
    public boolean ssoAllowPrivate() {
        return flag("COFFER_SSO_ALLOW_PRIVATE");
    }

    private boolean flag(String name) {
        String value = value(name).orElse("false");
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new StartupFailure(name + " must be true or false");
    }

    /**
     * {@code COFFER_ACTIVITY_RETENTION_DAYS}: activity events and visitors' personal data older than this many days
     * are deleted (analytics' roll-up counts stay); default 730, at least 1.
     */
    public int activityRetentionDays() {
        try {
            int days = Integer.parseInt(value("COFFER_ACTIVITY_RETENTION_DAYS").orElse("730"));
            if (days >= 1) {
                return days;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new StartupFailure("COFFER_ACTIVITY_RETENTION_DAYS must be a positive number of days");
    }

    /**
     * {@code COFFER_RENDITION_CACHE_MB}: how many MiB of renditions (page images, watermarked pages, stamped PDFs) this
     * instance keeps on its disk under {@code COFFER_HOME}; the least recently used go first when over it (DOC-42).
     * A positive number; default 2048.
     */
    public long renditionCacheBytes() {
        try {
            long mib = Long.parseLong(value("COFFER_RENDITION_CACHE_MB").orElse("2048"));
            if (mib > 0 && mib <= Long.MAX_VALUE / (1024 * 1024)) {
                return mib * 1024 * 1024;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new StartupFailure("COFFER_RENDITION_CACHE_MB must be a positive number of MiB (default 2048)");
    }

    /** {@code COFFER_STORAGE}: where blobs live, {@code local} (the default) or {@code s3}. */
    public Storage storage() {
        String kind = value("COFFER_STORAGE").orElse("local");
        return switch (kind) {
            case "local" -> Storage.LOCAL;
            case "s3" -> Storage.S3;
            default -> throw new StartupFailure("COFFER_STORAGE must be local or s3, got '" + kind + "'");
        };
    }

    /** The blob stores {@code COFFER_STORAGE} chooses between. */
    public enum Storage { LOCAL, S3 }

    /**
     * The S3-compatible store of {@code COFFER_STORAGE=s3}: {@code COFFER_S3_BUCKET}, {@code COFFER_S3_ACCESS_KEY} and
     * {@code COFFER_S3_SECRET_KEY} are required (a missing one stops start-up, naming all that are missing);
     * {@code COFFER_S3_ENDPOINT} unset means AWS itself; {@code COFFER_S3_REGION} defaults to {@code us-east-1};
     * {@code COFFER_S3_PATH_STYLE} ({@code true}/{@code false}) defaults to true with an endpoint (MinIO, S3Proxy,
     * Ceph, Garage) and false without (AWS).
     */
    public S3Settings s3() {
        java.util.List<String> missing = new java.util.ArrayList<>();
        for (String name : java.util.List.of("COFFER_S3_BUCKET", "COFFER_S3_ACCESS_KEY", "COFFER_S3_SECRET_KEY")) {
            if (value(name).isEmpty()) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new StartupFailure("COFFER_STORAGE=s3 needs " + String.join(", ", missing) + " (see the operations"
                    + " guide: COFFER_S3_ENDPOINT, COFFER_S3_REGION, COFFER_S3_BUCKET, COFFER_S3_ACCESS_KEY,"
                    + " COFFER_S3_SECRET_KEY, COFFER_S3_PATH_STYLE)");
        }
        Optional<java.net.URI> endpoint = value("COFFER_S3_ENDPOINT").map(e -> {
            try {
                java.net.URI uri = new java.net.URI(e);
                if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                    return uri;
                }
            } catch (java.net.URISyntaxException ignored) {
                // reported below
            }
            throw new StartupFailure("COFFER_S3_ENDPOINT must be an http:// or https:// URL, e.g."
                    + " http://127.0.0.1:9000");
        });
        String pathStyle = value("COFFER_S3_PATH_STYLE").orElse(String.valueOf(endpoint.isPresent()));
        if (!pathStyle.equalsIgnoreCase("true") && !pathStyle.equalsIgnoreCase("false")) {
            throw new StartupFailure("COFFER_S3_PATH_STYLE must be true or false");
        }
        return new S3Settings(endpoint, value("COFFER_S3_REGION").orElse("us-east-1"), value("COFFER_S3_BUCKET").get(),
                value("COFFER_S3_ACCESS_KEY").get(), source.apply("COFFER_S3_SECRET_KEY").orElseThrow(),
                Boolean.parseBoolean(pathStyle));
    }

    /** Where the S3 store is; {@code toString} never shows the secret key. */
    public record S3Settings(Optional<java.net.URI> endpoint, String region, String bucket, String accessKey,
                             String secretKey, boolean pathStyle) {
        @Override
        public String toString() {
            return "S3Settings[" + endpoint.map(java.net.URI::toString).orElse("AWS") + ", " + region + ", bucket "
                    + bucket + ", path-style " + pathStyle + "]";
        }
    }

    public String publicUrl() {
        return value("COFFER_PUBLIC_URL").orElse("http://localhost:9080").replaceAll("/+$", "");
    }

    /** A PostgreSQL role name Coffer may create or write into SQL: lower-case letters, digits and underscores. */
    public static String checkedRoleName(String name, String variable) {
        if (!ROLE_NAME.matcher(name).matches()) {
            throw new StartupFailure(variable + " must be a plain role name (a-z, 0-9, _), got something else");
        }
        return name;
    }
}
