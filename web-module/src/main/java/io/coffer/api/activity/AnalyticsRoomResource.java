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
 * {@code GET /datarooms/{id}/analytics} (ACT-21, ACT-27): read from the analytics roll-ups; an id the caller may not see answers 404.
 * A root resource of its own (more specific than the datarooms resource's path), so that only this package calls
 * activity.
 */
@Path("/datarooms/{id}/analytics")
@RequestScoped
@PermitAll
@Authenticated
@SecurityRequirement(name = "bearer")
@Tag(name = "datarooms")
public class AnalyticsRoomResource {

    @EJB
    Analytics analytics;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getDataRoomAnalytics", summary = "A room's analytics over every link, with each link's share (MANAGE on the room)")
    @APIResponse(responseCode = "200", description = "The analytics",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AnalyticsDtos.Report.class)))
    public AnalyticsDtos.Report get(@PathParam("id") String id) {
        return AnalyticsDtos.Report.of(analytics.room(PathIds.room(id)));
    }
}
