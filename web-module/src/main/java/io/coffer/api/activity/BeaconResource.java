package io.coffer.api.activity;

import io.coffer.activity.BeaconQueue;
import io.coffer.api.security.ClientAddresses;
import io.coffer.api.security.Public;
import io.coffer.api.visitor.VisitorDtos;
import io.coffer.shared.error.ValidationException;
import io.coffer.sharelinks.BeaconChecks;
import io.coffer.sharelinks.VisitorViews;
import io.coffer.sharelinks.Visitors;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import io.coffer.shared.JsonP;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /public/links/{token}/events}: page-time beacons (contract "Share links", visitor table). The visitor
 * side checks the batch ({@link BeaconChecks#inMemory} against what the last full check of the link found, else
 * {@link Visitors#beacons}: the link's documents, their pages, the seconds; ACT-20, ACT-30); the
 * activity module queues it ({@link BeaconQueue}: per-session rate, bounded queue; ACT-22, ACT-23) and answers 202
 * at once: the batch is stored by the flusher within a second or two. A root resource of its own, more specific than
 * the visitor resource's {@code /public}, so that only this package calls activity.
 */
@Path("/public/links/{token}/events")
@RequestScoped
@PermitAll
@Public
@Tag(name = "visitor")
public class BeaconResource {

    @EJB
    Visitors visitors;

    @Inject
    BeaconChecks checks;

    @Inject
    BeaconQueue queue;

    @Inject
    ClientAddresses clients;

    @Context
    HttpServletRequest http;

    @POST
    @Operation(operationId = "sendPageBeacons", summary = "Page-time beacons [{docId, page, seconds}] → 202")
    @APIResponse(responseCode = "202", description = "Accepted: stored within a few seconds")
    @RequestBody(required = true,
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY,
                    implementation = VisitorDtos.Beacon.class, maxItems = VisitorViews.BeaconBatch.MAX_ENTRIES))})
    @SecurityRequirement(name = "visitorToken")
    public Response events(@PathParam("token") String token, @HeaderParam("X-Visitor-Token") String visitorToken,
                           String body) {
        List<VisitorViews.Beacon> beacons = read(body);
        VisitorViews.Request request = new VisitorViews.Request(token, visitorToken, clients.of(http));
        VisitorViews.BeaconBatch batch = checks.inMemory(request, beacons) // ACT-30: most come this way
                .orElseGet(() -> visitors.beacons(request, beacons));
        queue.offer(batch, http.getHeader(HttpHeaders.USER_AGENT));
        return Response.accepted().build();
    }

    static List<VisitorViews.Beacon> read(String body) {
        JsonArray array;
        try (var reader = JsonP.createReader(new java.io.StringReader(body == null ? "" : body))) {
            array = reader.readArray();
        } catch (RuntimeException e) {
            throw ValidationException.of("body", "must be a JSON array of {docId, page, seconds}");
        }
        if (array.size() > VisitorViews.BeaconBatch.MAX_ENTRIES) {
            throw ValidationException.of("body", "must hold at most " + VisitorViews.BeaconBatch.MAX_ENTRIES
                    + " beacons");
        }
        List<VisitorViews.Beacon> beacons = new ArrayList<>();
        for (JsonValue v : array) {
            try {
                JsonObject o = v.asJsonObject();
                for (String key : o.keySet()) {
                    if (!Set.of("docId", "page", "seconds").contains(key)) {
                        throw ValidationException.of(key, "is not a field of this object");
                    }
                }
                beacons.add(new VisitorViews.Beacon(UUID.fromString(o.getString("docId")), o.getInt("page"),
                        o.getInt("seconds")));
            } catch (ClassCastException | NullPointerException | IllegalArgumentException e) {
                throw ValidationException.of("body", "must be a JSON array of {docId, page, seconds}");
            }
        }
        return beacons;
    }
}
