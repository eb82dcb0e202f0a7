package io.coffer.api.webhooks;

import io.coffer.api.security.Authenticated;
import io.coffer.api.security.MinimumRole;
import io.coffer.identity.Role;
import io.coffer.shared.error.NotFoundException;
import io.coffer.shared.error.ValidationException;
import io.coffer.webhooks.Webhook;
import io.coffer.webhooks.WebhookId;
import io.coffer.webhooks.Webhooks;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A tenant's webhooks (docs/features/webhooks.md): OWNER and ADMIN only (WH-1). */
@Path("/webhooks")
@RequestScoped
@PermitAll
@Authenticated
@MinimumRole(Role.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@Tag(name = "webhooks")
public class WebhooksResource {

    @EJB
    Webhooks webhooks;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createWebhook", summary = "Subscribe a URL to event types; the secret is in this answer only")
    @APIResponse(responseCode = "201", description = "The webhook, with its signing secret shown once",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = WebhookDtos.WebhookView.class)))
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = WebhookDtos.WebhookRequest.class)))
    public Response create(WebhookDtos.WebhookRequest request) {
        if (request == null) {
            throw ValidationException.of("url", "is required");
        }
        Webhook.Created created = webhooks.create(request.url(), request.events(), request.secret());
        return Response.status(Response.Status.CREATED)
                .entity(WebhookDtos.WebhookView.of(created.webhook(), created.secret())).build();
    }

    @GET
    @Operation(operationId = "listWebhooks", summary = "The tenant's webhooks (never their secrets)")
    @APIResponse(responseCode = "200", description = "Every webhook of the tenant",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = WebhookDtos.WebhookPage.class)))
    public WebhookDtos.WebhookPage list() {
        return new WebhookDtos.WebhookPage(webhooks.list().stream().map(w -> WebhookDtos.WebhookView.of(w, null))
                .toList(), null);
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteWebhook", summary = "Delete a webhook and its deliveries")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("id") String id) {
        webhooks.delete(id(id));
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(operationId = "listWebhookDeliveries", summary = "A webhook's deliveries, newest first")
    @APIResponse(responseCode = "200", description = "One page of deliveries",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = WebhookDtos.DeliveryPage.class)))
    public WebhookDtos.DeliveryPage deliveries(@PathParam("id") String id,
                                               @Parameter(schema = @Schema(minimum = "1", maximum = "200",
                                                       defaultValue = "50"), description = "Larger is clamped to 200")
                                               @QueryParam("limit") Integer limit,
                                               @Parameter(schema = @Schema(maxLength = 80)) @QueryParam("cursor")
                                               String cursor) {
        int size = limit == null ? 50 : Math.max(1, Math.min(200, limit));
        Instant beforeAt = null;
        UUID beforeId = null;
        if (cursor != null && !cursor.isEmpty()) {
            try {
                String[] parts = cursor.split("_", 2);
                beforeAt = Instant.ofEpochSecond(0, 0).plusNanos(Long.parseLong(parts[0]) * 1000);
                beforeId = UUID.fromString(parts[1]);
            } catch (RuntimeException e) {
                throw ValidationException.of("cursor", "is not a cursor of this list");
            }
        }
        List<Webhook.Delivery> page = webhooks.deliveries(id(id), beforeAt, beforeId, size + 1);
        boolean more = page.size() > size;
        List<Webhook.Delivery> items = more ? page.subList(0, size) : page;
        String next = null;
        if (more) {
            Webhook.Delivery last = items.get(items.size() - 1);
            Instant at = last.createdAt();
            next = (at.getEpochSecond() * 1_000_000 + at.getNano() / 1000) + "_" + last.id();
        }
        return new WebhookDtos.DeliveryPage(items.stream().map(WebhookDtos.DeliveryView::of).toList(), next);
    }

    static WebhookId id(String id) {
        try {
            return WebhookId.of(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new NotFoundException("no such object");
        }
    }
}
