package io.coffer.api.sharelinks;

import io.coffer.sharelinks.ItemOverride;
import io.coffer.sharelinks.ShareLink;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The JSON of share links as records the API description shows (API-5). A request body is still read field by field
 * by {@link LinkJson} (unknown fields → 400; absent and null differ for PATCH); these records describe it.
 */
public final class ShareLinkDtos {
    private ShareLinkDtos() {
    }

    private static final String EMAIL_LIST = "At most 1000 entries.";

    /** An email address of a link's allow or deny list. */
    @Schema(name = "EmailAddress", type = SchemaType.STRING, format = "email", maxLength = 254)
    public static final class Email {
        private Email() {
        }
    }

    /** A domain of a link's allow or deny list ({@code example.com}, or {@code *.example.com} for subdomains). */
    @Schema(name = "DomainName", type = SchemaType.STRING, maxLength = 253,
            pattern = "^(\\*\\.)?[A-Za-z0-9.-]+$")
    public static final class Domain {
        private Domain() {
        }
    }

    @Schema(name = "LinkTarget")
    @JsonbPropertyOrder({"type", "id"})
    public record Target(@Schema(required = true, enumeration = {"DOCUMENT", "FOLDER", "DATAROOM"}) String type,
                         @Schema(required = true, format = "uuid") String id) {
    }

    @Schema(name = "LinkWatermark")
    @JsonbPropertyOrder({"enabled", "text"})
    public record Watermark(@Schema(required = true) boolean enabled,
                            @Schema(nullable = true, maxLength = 300, description = "No control characters.")
                            String text) {
    }

    @Schema(name = "LinkItemOverride")
    @JsonbPropertyOrder({"itemId", "hidden", "allowDownload"})
    public record Override(@Schema(required = true, format = "uuid") String itemId,
                           @Schema(description = "Absent: as the link.") @JsonbNillable(false) Boolean hidden,
                           @Schema(description = "Absent: as the link.") @JsonbNillable(false) Boolean allowDownload) {
        static Override of(ItemOverride o) {
            return new Override(o.itemId().toString(), o.hidden(), o.allowDownload());
        }
    }

    /** A link as answered: never its password; the token and the url only in the answer that creates it. */
    @Schema(name = "ShareLink")
    @JsonbPropertyOrder({"id", "token", "url", "target", "name", "hasPassword", "expiresAt", "requireEmail",
            "verifyEmail", "allowEmails", "allowDomains", "denyEmails", "denyDomains", "allowDownload", "watermark",
            "maxViews", "views", "ndaText", "ndaVersion", "itemOverrides", "allowSearch", "allowQuestions", "createdAt", "updatedAt", "revokedAt",
            "revoked"})
    public record View(
            @Schema(required = true, format = "uuid") String id,
            @Schema(description = "Only in the answer that creates the link (shown once).", maxLength = 512,
                    pattern = "^[A-Za-z0-9_-]+$") @JsonbNillable(false) String token,
            @Schema(description = "`<public url>/l/<token>`; only in the answer that creates the link.",
                    format = "uri", maxLength = 2048) @JsonbNillable(false) String url,
            @Schema(required = true) Target target,
            @Schema(required = true, nullable = true, maxLength = 200) String name,
            @Schema(required = true) boolean hasPassword,
            @Schema(required = true, nullable = true) Instant expiresAt,
            @Schema(required = true) boolean requireEmail,
            @Schema(required = true) boolean verifyEmail,
            @Schema(required = true, type = SchemaType.ARRAY, implementation = Email.class, maxItems = 1000,
                    description = EMAIL_LIST) List<String> allowEmails,
            @Schema(required = true, type = SchemaType.ARRAY, implementation = Domain.class, maxItems = 1000,
                    description = EMAIL_LIST) List<String> allowDomains,
            @Schema(required = true, type = SchemaType.ARRAY, implementation = Email.class, maxItems = 1000,
                    description = EMAIL_LIST) List<String> denyEmails,
            @Schema(required = true, type = SchemaType.ARRAY, implementation = Domain.class, maxItems = 1000,
                    description = EMAIL_LIST) List<String> denyDomains,
            @Schema(required = true) boolean allowDownload,
            @Schema(required = true) Watermark watermark,
            @Schema(required = true, nullable = true, minimum = "1", maximum = "2147483647") Integer maxViews,
            @Schema(required = true, minimum = "0", maximum = "2147483647") int views,
            @Schema(required = true, nullable = true, maxLength = 100000) String ndaText,
            @Schema(required = true, minimum = "0", maximum = "2147483647") int ndaVersion,
            @Schema(required = true, maxItems = 1000) List<Override> itemOverrides,
            @Schema(required = true, description = "Visitors may search the text of what the link shows (1.1).")
            boolean allowSearch,
            @Schema(required = true, description = "Visitors may ask questions about what the link shows (1.1).")
            boolean allowQuestions,
            @Schema(required = true) Instant createdAt,
            @Schema(required = true) Instant updatedAt,
            @Schema(required = true, nullable = true) Instant revokedAt,
            @Schema(required = true) boolean revoked)
        implements io.coffer.api.security.CarriesSecret {

        static View of(ShareLink l) {
            return new View(l.id().toString(), l.token(), l.token() == null ? null : l.url(),
                    new Target(l.targetType(), l.targetId().toString()), l.name(), l.hasPassword(), l.expiresAt(),
                    l.requireEmail(), l.verifyEmail(), l.allowEmails(), l.allowDomains(), l.denyEmails(),
                    l.denyDomains(), l.allowDownload(), new Watermark(l.watermarkEnabled(), l.watermarkText()),
                    l.maxViews(), l.views(), l.ndaText(), l.ndaVersion(),
                    l.itemOverrides().stream().map(Override::of).toList(), l.allowSearch(), l.allowQuestions(), l.createdAt(),
                    l.updatedAt(),
                    l.revokedAt(), l.revokedAt() != null);
        }
    }

    @Schema(name = "ShareLinkPage")
    @JsonbPropertyOrder({"items", "nextCursor"})
    public record Page(@Schema(required = true, maxItems = 200) List<View> items,
                       @Schema(required = true, nullable = true, format = "uuid",
                               description = "Pass as ?cursor= for the next page.") String nextCursor) {
    }

    /** The body of POST /share-links (only {@code target} is required) and, without target, of PATCH. */
    @Schema(name = "ShareLinkRequest")
    public record Request(
            @Schema(description = "Required at creation; never changes (refused in a PATCH).") Target target,
            @Schema(nullable = true, maxLength = 200, description = "No control characters.") String name,
            @Schema(nullable = true, format = "password", maxLength = 256, description = "Write only.")
            String password,
            @Schema(nullable = true) Instant expiresAt,
            @Schema(nullable = true) Boolean requireEmail,
            @Schema(nullable = true, description = "true implies requireEmail") Boolean verifyEmail,
            @Schema(nullable = true, type = SchemaType.ARRAY, implementation = Email.class,
                    maxItems = 1000) List<String> allowEmails,
            @Schema(nullable = true, type = SchemaType.ARRAY, implementation = Domain.class,
                    maxItems = 1000) List<String> allowDomains,
            @Schema(nullable = true, type = SchemaType.ARRAY, implementation = Email.class,
                    maxItems = 1000) List<String> denyEmails,
            @Schema(nullable = true, type = SchemaType.ARRAY, implementation = Domain.class,
                    maxItems = 1000) List<String> denyDomains,
            @Schema(nullable = true) Boolean allowDownload,
            @Schema(nullable = true) Watermark watermark,
            @Schema(nullable = true, minimum = "1", maximum = "2147483647") Integer maxViews,
            @Schema(nullable = true, maxLength = 100000) String ndaText,
            @Schema(nullable = true, maxItems = 1000) List<Override> itemOverrides,
            @Schema(nullable = true, description = "Visitors may search the text of what the link shows (1.1).")
            Boolean allowSearch,
            @Schema(nullable = true, description = "Visitors may ask questions about what the link shows (1.1).")
            Boolean allowQuestions) {
    }
}
