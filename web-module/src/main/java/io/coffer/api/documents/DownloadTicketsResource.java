package io.coffer.api.documents;

import io.coffer.api.security.Public;
import io.coffer.documents.Tickets;
import io.coffer.api.content.ContentResponses;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** {@code GET /download-tickets/{ticket}}: the browser's native download; the ticket is the capability, used once. */
@Path("/download-tickets")
@RequestScoped
@PermitAll
@Public
@Tag(name = "documents")
public class DownloadTicketsResource {

    @Inject
    Tickets tickets;

    @GET
    @Path("/{ticket}")
    @Operation(operationId = "redeemDownloadTicket", summary = "Download once with a ticket (60 s)")
    @APIResponse(responseCode = "200", description = "The bytes",
            headers = {@Header(name = "Content-Disposition", description = "attachment with an RFC 6266 filename",
                    schema = @Schema(type = SchemaType.STRING, maxLength = 1024))},
                            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "*/*",
                                    schema = @Schema(type = SchemaType.STRING, format = "binary", maxLength = 2147483647)))
    @APIResponse(responseCode = "400", ref = "#/components/responses/BadRequest")
    public Response download(@PathParam("ticket") String ticket) {
        return ContentResponses.serve(tickets.redeem(ticket), null, null)
                .header("Referrer-Policy", "no-referrer").header("Cache-Control", "no-store").build();
    }

    /**
     * Refused (405, {@code Allow: GET}) and the ticket left unused (DOC-25): without this method JAX-RS answers HEAD
     * by running the GET, and a link scanner's or a prefetching browser's HEAD would use the single-use ticket up.
     */
    @HEAD
    @Path("/{ticket}")
    @Operation(operationId = "headDownloadTicket", summary = "Refused with 405: a HEAD never uses a ticket up")
    @APIResponse(responseCode = "405", ref = "#/components/responses/MethodNotAllowed")
    public Response head(@PathParam("ticket") String ticket) {
        throw new NotAllowedException(HttpMethod.GET);
    }
}
