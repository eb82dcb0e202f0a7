package io.coffer.api.activity;

import io.coffer.activity.Analytics;
import io.coffer.activity.VisitsRow;
import io.coffer.api.PathIds;
import io.coffer.api.security.Authenticated;
import io.coffer.audit.AuditText;
import io.coffer.shared.LinkId;
import io.coffer.shared.error.ValidationException;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /share-links/{id}/visits?format=csv} (contract 1.1; ACT-25): one row per visitor session, oldest first,
 * streamed page by page (constant memory). RFC 4180, every field quoted and encoded as the audit export's
 * ({@link AuditText#csvField}: control characters escaped, a leading {@code = + - @} defused), so that neither a
 * forged line nor a spreadsheet formula can come out of an email or a user agent. MANAGE on the link's room.
 */
@Path("/share-links/{id}/visits")
@RequestScoped
@PermitAll
@Authenticated
@SecurityRequirement(name = "bearer")
@Tag(name = "share-links")
public class VisitsResource {

    static final String CSV = "text/csv";
    static final int PAGE = 500;

    @EJB
    Analytics analytics;

    @GET
    @Produces(CSV)
    @Operation(operationId = "exportShareLinkVisits",
            summary = "The link's visitor sessions as CSV: email, client address, user agent, start, seconds, pages seen,"
                    + " downloads (MANAGE on its room)")
    @APIResponse(responseCode = "200", description = "CSV (RFC 4180), values encoded against injection",
            content = @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING, maxLength = 2147483647)))
    public Response visits(@PathParam("id") String id,
                           @Parameter(description = "Only csv", schema = @Schema(enumeration = {"csv"}, maxLength = 10))
                           @QueryParam("format") String format) {
        LinkId link = PathIds.link(id);
        analytics.requireLink(link); // authorization before the query string is judged
        if (format != null && !format.isBlank() && !"csv".equals(format)) {
            throw ValidationException.of("format", "must be csv");
        }
        StreamingOutput body = out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            w.write("sessionId,email,clientAddress,userAgent,start,lastSeen,seconds,pagesSeen,downloads\r\n");
            VisitsRow after = null;
            while (true) {
                List<VisitsRow> page = analytics.visits(link, after, PAGE);
                for (VisitsRow r : page) {
                    w.write(String.join(",", AuditText.csvField(r.sessionId().toString()),
                            AuditText.csvField(r.email()), AuditText.csvField(r.clientAddress()),
                            AuditText.csvField(r.userAgent()), AuditText.csvField(r.start().toString()),
                            AuditText.csvField(r.lastSeen().toString()), AuditText.csvField(Long.toString(r.seconds())),
                            AuditText.csvField(Long.toString(r.pagesSeen())),
                            AuditText.csvField(Long.toString(r.downloads()))));
                    w.write("\r\n");
                }
                if (page.size() < PAGE) {
                    break;
                }
                after = page.get(page.size() - 1);
            }
            w.flush();
        };
        return Response.ok(body, CSV + "; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"visits.csv\"").build();
    }
}
