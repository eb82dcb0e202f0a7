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

/** {@code GET /download-tickets/{ticket}}: the browser's native download; the ticket is the capability, used once. */
@Path("/download-tickets")
@RequestScoped
@PermitAll
@Public
public class DownloadTicketsResource {

    @Inject
    Tickets tickets;

    @GET
    @Path("/{ticket}")
    @Operation(summary = "Download once with a ticket (60 s)")
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
    @Operation(summary = "Refused with 405: a HEAD never uses a ticket up")
    public Response head(@PathParam("ticket") String ticket) {
        throw new NotAllowedException(HttpMethod.GET);
    }
}
