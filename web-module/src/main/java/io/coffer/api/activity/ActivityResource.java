package io.coffer.api.activity;

import io.coffer.activity.ActivityFilter;
import io.coffer.activity.ActivityStream;
import io.coffer.api.PathIds;
import io.coffer.api.security.Authenticated;
import io.coffer.shared.error.ValidationException;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The tenant's activity stream (docs/features/activity.md, ACT-6..ACT-10): OWNER and ADMIN for the whole stream;
 * MANAGE on the room, link or document named otherwise.
 */
@Path("/activity")
@RequestScoped
@PermitAll
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@Tag(name = "activity")
public class ActivityResource {

    @EJB
    ActivityStream stream;

    @GET
    @Operation(operationId = "listActivity", summary = "The tenant's activity, newest first",
            description = "Without dataroomId, linkId or documentId: OWNER and ADMIN only. With one: MANAGE on it.")
    @APIResponse(responseCode = "200", description = "One page of events",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ActivityDtos.Page.class)))
    public ActivityDtos.Page list(@Parameter(description = "Events of this data room",
                                          schema = @Schema(type = SchemaType.STRING, format = "uuid", maxLength = 36))
                                  @QueryParam("dataroomId") String dataroomId,
                                  @Parameter(description = "Events of this share link",
                                          schema = @Schema(type = SchemaType.STRING, format = "uuid", maxLength = 36))
                                  @QueryParam("linkId") String linkId,
                                  @Parameter(description = "Events of this document",
                                          schema = @Schema(type = SchemaType.STRING, format = "uuid", maxLength = 36))
                                  @QueryParam("documentId") String documentId,
                                  @Parameter(description = "An event type", schema = @Schema(maxLength = 100))
                                  @QueryParam("type") String type,
                                  @Parameter(description = "From this time (inclusive)",
                                          schema = @Schema(type = SchemaType.STRING, format = "date-time", maxLength = 40))
                                  @QueryParam("from") String from,
                                  @Parameter(description = "Up to this time (exclusive)",
                                          schema = @Schema(type = SchemaType.STRING, format = "date-time", maxLength = 40))
                                  @QueryParam("to") String to,
                                  @Parameter(schema = @Schema(minimum = "1", maximum = "200", defaultValue = "50"),
                                          description = "Larger is clamped to 200") @QueryParam("limit") Integer limit,
                                  @Parameter(description = "The nextCursor of the previous page",
                                          schema = @Schema(type = SchemaType.STRING, maxLength = 64, pattern = "^[A-Za-z0-9_-]+$"))
                                  @QueryParam("cursor") String cursor) {
        ActivityFilter filter = new ActivityFilter(blank(dataroomId) ? null : PathIds.room(dataroomId),
                blank(linkId) ? null : PathIds.link(linkId), blank(documentId) ? null : PathIds.document(documentId),
                null, null, null);
        stream.authorize(filter); // before the other parameters are read: authorization first
        filter = new ActivityFilter(filter.room(), filter.link(), filter.document(), typeOf(type),
                instant(from, "from"), instant(to, "to"));
        int size = limit == null ? 50 : Math.max(1, Math.min(200, limit));
        ActivityStream.Page page = stream.page(filter, cursor, size);
        return new ActivityDtos.Page(page.items().stream().map(ActivityDtos.Item::of).toList(), page.nextCursor());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String typeOf(String type) {
        if (blank(type)) {
            return null;
        }
        if (type.length() > 100 || !type.matches("[a-z][a-z0-9.-]*")) {
            throw ValidationException.of("type", "is not an event type");
        }
        return type;
    }

    private static Instant instant(String value, String field) {
        if (blank(value)) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ValidationException.of(field, "is not an ISO 8601 UTC time");
        }
    }
}
