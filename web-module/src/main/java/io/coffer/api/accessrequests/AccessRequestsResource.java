package io.coffer.api.accessrequests;

import io.coffer.api.PathIds;
import io.coffer.api.security.Authenticated;
import io.coffer.sharelinks.AccessRequests;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A link manager decides a visitor's access request (contract "POST /access-requests/{id}/approve | /deny"). */
@Path("/access-requests")
@RequestScoped
@PermitAll
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@Tag(name = "share-links")
public class AccessRequestsResource {

    @EJB
    AccessRequests requests;

    @POST
    @Path("/{id}/approve")
    @Operation(operationId = "approveAccessRequest",
            summary = "The email joins the link's allow list (which ends the link's visitor sessions, as every change"
                    + " of its email rules); 409 when already decided")
    @APIResponse(responseCode = "204", description = "Approved")
    public void approve(@PathParam("id") String id) {
        requests.approve(PathIds.uuid(id));
    }

    @POST
    @Path("/{id}/deny")
    @Operation(operationId = "denyAccessRequest", summary = "Deny; the link is unchanged; 409 when already decided")
    @APIResponse(responseCode = "204", description = "Denied")
    public void deny(@PathParam("id") String id) {
        requests.deny(PathIds.uuid(id));
    }
}
