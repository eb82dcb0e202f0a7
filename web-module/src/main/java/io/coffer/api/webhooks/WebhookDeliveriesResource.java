package io.coffer.api.webhooks;

import io.coffer.api.security.Authenticated;
import io.coffer.api.security.MinimumRole;
import io.coffer.identity.Role;
import io.coffer.shared.error.NotFoundException;
import io.coffer.webhooks.Webhooks;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Replays one delivery (WH-20): a new try, answered 202 at once. */
@Path("/webhook-deliveries")
@RequestScoped
@PermitAll
@Authenticated
@MinimumRole(Role.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@Tag(name = "webhooks")
public class WebhookDeliveriesResource {

    @EJB
    Webhooks webhooks;

    @POST
    @Path("/{id}/replay")
    @Operation(operationId = "replayWebhookDelivery", summary = "Try a delivery again (whatever its status)")
    @APIResponse(responseCode = "202", description = "The new try is queued")
    public Response replay(@PathParam("id") String id) {
        UUID delivery;
        try {
            delivery = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("no such object");
        }
        webhooks.replay(delivery);
        return Response.accepted().build();
    }
}
