package io.coffer.api.documents;

import io.coffer.api.security.Public;
import io.coffer.documents.Tickets;
import io.coffer.storage.BlobStore;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
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

    @Inject
    BlobStore blobs;

    @GET
    @Path("/{ticket}")
    @Operation(summary = "Download once with a ticket (60 s)")
    public Response download(@PathParam("ticket") String ticket) {
        return ContentResponses.serve(tickets.redeem(ticket), null, null, blobs)
                .header("Referrer-Policy", "no-referrer").header("Cache-Control", "no-store").build();
    }
}
