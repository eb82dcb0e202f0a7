package io.coffer.api.activity;

import io.coffer.activity.Analytics;
import io.coffer.api.PathIds;
import io.coffer.api.security.Authenticated;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /share-links/{id}/analytics} (ACT-21, ACT-27): read from the analytics roll-ups; an id the caller may not see answers 404.
 * A root resource of its own (more specific than the share-links resource's path), so that only this package calls
 * activity.
 */
@Path("/share-links/{id}/analytics")
@RequestScoped
@PermitAll
@Authenticated
@SecurityRequirement(name = "bearer")
@Tag(name = "share-links")
public class AnalyticsLinkResource {

    @EJB
    Analytics analytics;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getShareLinkAnalytics", summary = "A link's analytics: views (visitor sessions), visitors, seconds per page, downloads (MANAGE on its room)")
    @APIResponse(responseCode = "200", description = "The analytics",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AnalyticsDtos.LinkReport.class)))
    public AnalyticsDtos.LinkReport get(@PathParam("id") String id) {
        return AnalyticsDtos.LinkReport.of(analytics.link(PathIds.link(id)));
    }
}
