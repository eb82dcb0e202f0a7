package io.coffer.api.audit;

import io.coffer.api.security.Authenticated;
import io.coffer.api.security.MinimumRole;
import io.coffer.audit.AuditEntry;
import io.coffer.audit.AuditFilter;
import io.coffer.audit.AuditLog;
import io.coffer.audit.AuditText;
import io.coffer.identity.Role;
import io.coffer.shared.error.ValidationException;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The tenant's audit log: OWNER and ADMIN only (docs/features/audit.md). */
@Path("/audit")
@RequestScoped
@PermitAll
@Authenticated
@MinimumRole(Role.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@Tag(name = "audit")
public class AuditResource {

    /** Rows per query of the export: the memory it holds whatever the size of the log. */
    static final int EXPORT_PAGE = 500;
    static final String CSV = "text/csv";

    @EJB
    AuditLog log;

    @GET
    @Operation(operationId = "listAuditEntries", summary = "The tenant's audit entries, newest first")
    @APIResponse(responseCode = "200", description = "One page of entries",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AuditDtos.Page.class)))
    public AuditDtos.Page list(@Parameter(description = "From this time (inclusive)",
                                       schema = @Schema(format = "date-time", maxLength = 40)) @QueryParam("from") String from,
                               @Parameter(description = "Up to this time (exclusive)",
                                       schema = @Schema(format = "date-time", maxLength = 40)) @QueryParam("to") String to,
                               @Parameter(description = "A user id or a visitor session id",
                                       schema = @Schema(format = "uuid", maxLength = 36)) @QueryParam("actor") String actor,
                               @Parameter(description = "An event type, or access.denied",
                                       schema = @Schema(maxLength = 100)) @QueryParam("action") String action,
                               @Parameter(schema = @Schema(minimum = "1", maximum = "200", defaultValue = "50"),
                                       description = "Larger is clamped to 200") @QueryParam("limit") Integer limit,
                               @QueryParam("cursor") String cursor) {
        int size = limit == null ? 50 : Math.max(1, Math.min(200, limit));
        List<AuditEntry> page = log.newestFirst(filter(from, to, actor, action), cursor(cursor), size + 1);
        boolean more = page.size() > size;
        List<AuditEntry> items = more ? page.subList(0, size) : page;
        return new AuditDtos.Page(items.stream().map(AuditDtos.Entry::of).toList(),
                more ? Long.toString(items.get(items.size() - 1).seq()) : null);
    }

    @GET
    @Path("/verify")
    @Operation(operationId = "verifyAuditLog", summary = "Recompute the tenant's hash chain; name its first broken entry")
    @APIResponse(responseCode = "200", description = "The chain's state",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AuditDtos.Verification.class)))
    public AuditDtos.Verification verify() {
        return AuditDtos.Verification.of(log.verify());
    }

    @GET
    @Path("/export")
    @Produces(CSV)
    @Operation(operationId = "exportAuditLog", summary = "The audit entries as CSV, oldest first (filters as the list)")
    @APIResponse(responseCode = "200", description = "CSV (RFC 4180), control characters escaped",
            content = @Content(mediaType = CSV, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations
                    .enums.SchemaType.STRING, maxLength = 2147483647)))
    public Response export(@Parameter(description = "From this time (inclusive)",
                                   schema = @Schema(format = "date-time", maxLength = 40)) @QueryParam("from") String from,
                           @Parameter(description = "Up to this time (exclusive)",
                                   schema = @Schema(format = "date-time", maxLength = 40)) @QueryParam("to") String to,
                           @Parameter(description = "A user id or a visitor session id",
                                   schema = @Schema(format = "uuid", maxLength = 36)) @QueryParam("actor") String actor,
                           @Parameter(description = "An event type, or access.denied",
                                   schema = @Schema(maxLength = 100)) @QueryParam("action") String action) {
        AuditFilter filter = filter(from, to, actor, action);
        log.oldestFirst(filter, null, 1); // the role is checked before the answer starts, not half-way through it
        StreamingOutput body = out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            w.write("id,at,actorType,actorId,action,objectType,objectId,outcome,clientAddress,actorLabel\r\n");
            Long after = null;
            while (true) {
                List<AuditEntry> page = log.oldestFirst(filter, after, EXPORT_PAGE);
                for (AuditEntry e : page) {
                    w.write(String.join(",", AuditText.csvField(e.id().toString()),
                            AuditText.csvField(e.at().toString()), AuditText.csvField(e.actorType()),
                            AuditText.csvField(e.actorId() == null ? null : e.actorId().toString()),
                            AuditText.csvField(e.action()), AuditText.csvField(e.objectType()),
                            AuditText.csvField(e.objectId() == null ? null : e.objectId().toString()),
                            AuditText.csvField(e.outcome()), AuditText.csvField(e.clientAddress()),
                            AuditText.csvField(e.actorLabel())));
                    w.write("\r\n");
                }
                if (page.size() < EXPORT_PAGE) {
                    break;
                }
                after = page.get(page.size() - 1).seq();
            }
            w.flush();
        };
        return Response.ok(body, CSV + "; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"audit.csv\"").build();
    }

    private static AuditFilter filter(String from, String to, String actor, String action) {
        return new AuditFilter(instant(from, "from"), instant(to, "to"), actorId(actor),
                action == null || action.isBlank() ? null : action);
    }

    private static Instant instant(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ValidationException.of(field, "is not an ISO 8601 UTC time");
        }
    }

    private static UUID actorId(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ValidationException.of("actor", "is not a user or visitor session id");
        }
    }

    private static Long cursor(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(value);
        } catch (NumberFormatException e) {
            throw ValidationException.of("cursor", "is not a cursor of this list");
        }
    }
}
