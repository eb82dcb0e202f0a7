package io.coffer.api.search;

import io.coffer.api.PathIds;
import io.coffer.api.security.Authenticated;
import io.coffer.documents.Search;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A member's full-text search (contract "GET /search"; docs/features/search.md, SR-1..SR-7). */
@Path("/search")
@RequestScoped
@PermitAll
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@Tag(name = "search")
public class SearchResource {

    @EJB
    Search search;

    @GET
    @Operation(operationId = "search", summary = "Names and text of the documents the caller may view, best first")
    @APIResponse(responseCode = "200", description = "A page of results",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SearchDtos.Results.class)))
    public SearchDtos.Results find(
            @Parameter(required = true, description = "Words, \"a phrase\", -excluded, or (websearch syntax)",
                    schema = @Schema(minLength = 1, maxLength = 200)) @QueryParam("q") String q,
            @Parameter(description = "Only this data room",
                    schema = @Schema(type = SchemaType.STRING, format = "uuid", maxLength = 36))
            @QueryParam("dataroomId") String dataroomId,
            @Parameter(schema = @Schema(minimum = "1", maximum = "200", defaultValue = "50"),
                    description = "Larger is clamped to 200") @QueryParam("limit") Integer limit,
            @Parameter(description = "The nextCursor of the previous page",
                    schema = @Schema(type = SchemaType.STRING, maxLength = 64, pattern = "^[A-Za-z0-9_-]+$"))
            @QueryParam("cursor") String cursor) {
        Optional<java.util.UUID> room = dataroomId == null || dataroomId.isBlank() ? Optional.empty()
                : Optional.of(PathIds.room(dataroomId).value());
        return SearchDtos.Results.of(search.find(q, room, limit, cursor), true);
    }
}
