package io.coffer.api.visitor;

import io.coffer.sharelinks.VisitorViews;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON of the visitor side as records the API description shows (API-5). */
public final class VisitorDtos {
    private VisitorDtos() {
    }

    /** One thing a link requires before a session. */
    @Schema(name = "LinkRequirement", type = SchemaType.STRING, enumeration = {"password", "email", "emailCode", "nda"})
    public static final class Requirement {
        private Requirement() {
        }
    }

    @Schema(name = "LinkBranding")
    public record Branding(@Schema(required = true, nullable = true, maxLength = 200,
            description = "The tenant's name") String name) {
    }

    /** The first open of a link (GET /public/links/{token}). */
    @Schema(name = "LinkIntro")
    @JsonbPropertyOrder({"name", "targetType", "requires", "ndaText", "branding"})
    public record Intro(@Schema(required = true, nullable = true, maxLength = 200) String name,
                        @Schema(required = true, enumeration = {"DOCUMENT", "FOLDER", "DATAROOM"}) String targetType,
                        @Schema(required = true, type = SchemaType.ARRAY, implementation = Requirement.class,
                                maxItems = 4, description = "What a session still needs") List<String> requires,
                        @Schema(maxLength = 100000, description = "Only when the link asks to accept an NDA")
                        @JsonbNillable(false) String ndaText,
                        @Schema(required = true) Branding branding) {
        static Intro of(VisitorViews.Intro i) {
            return new Intro(i.name(), i.targetType(), i.requires(), i.ndaText(), new Branding(i.brandName()));
        }
    }

    /** What a visitor gives to start a session; every field is optional. */
    @Schema(name = "VisitorCredentials")
    public record Credentials(@Schema(format = "password", maxLength = 256) String password,
                              @Schema(format = "email", maxLength = 254) String email,
                              @Schema(maxLength = 6, pattern = "^[0-9]{6}$", description = "The mailed code")
                              String emailCode,
                              @Schema(description = "true accepts the link's NDA") Boolean ndaAccepted) {
    }

    @Schema(name = "VisitorSession")
    @JsonbPropertyOrder({"visitorToken", "expiresIn"})
    public record Session(@Schema(required = true, maxLength = 4096, description = "Send as X-Visitor-Token")
                          String visitorToken,
                          @Schema(required = true, minimum = "1", maximum = "86400", description = "seconds")
                          long expiresIn)
        implements io.coffer.api.security.CarriesSecret {
        static Session of(VisitorViews.Session s) {
            return new Session(s.visitorToken(), s.expiresIn());
        }

        @Override
        public String toString() {
            return "Session[" + expiresIn + "]"; // never the token
        }
    }

    @Schema(name = "LinkTreeNode")
    @JsonbPropertyOrder({"id", "kind", "name", "index", "allowDownload", "children"})
    public record Node(@Schema(required = true, format = "uuid") String id,
                       @Schema(required = true, enumeration = {"FOLDER", "DOCUMENT"}) String kind,
                       @Schema(required = true, maxLength = 255) String name,
                       @Schema(required = true, maxLength = 255, pattern = "^[0-9.]*$",
                               description = "1, 1.1, 1.2... by order") String index,
                       @Schema(required = true) boolean allowDownload,
                       @Schema(required = true, nullable = true, description = "null for a document")
                       List<Node> children) {
        static List<Node> of(List<VisitorViews.Node> nodes) {
            return nodes.stream().map(n -> new Node(n.id().toString(), n.kind(), n.name(), n.index(),
                    n.allowDownload(), n.children() == null ? null : of(n.children()))).toList();
        }
    }

    @Schema(name = "LinkTree")
    public record Tree(@Schema(required = true) List<Node> items) {
    }

    /** A page-time beacon. */
    @Schema(name = "PageBeacon")
    public record Beacon(@Schema(required = true, format = "uuid") String docId,
                         @Schema(required = true, minimum = "1", maximum = "2147483647") int page,
                         @Schema(required = true, minimum = "0", maximum = "3600") int seconds) {
    }
}
