package io.coffer.api.sharelinks;

import io.coffer.api.JsonConfig;
import io.coffer.api.security.Authenticated;
import io.coffer.shared.error.NotFoundException;
import io.coffer.sharelinks.LinkSettings;
import io.coffer.sharelinks.ShareLink;
import io.coffer.sharelinks.ShareLinks;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** The owner side of share links (contract "Share links"): needs MANAGE on the target. */
@Path("/share-links")
@RequestScoped
@PermitAll
@Authenticated
@SecurityRequirement(name = "bearer")
public class ShareLinksResource {

    @EJB
    ShareLinks links;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a link to a document, folder or room (MANAGE on the target); the token is shown once")
    public Response create(String body) {
        LinkSettings settings = LinkJson.read(JsonConfig.readObject(body), false);
        return Response.status(Response.Status.CREATED).entity(LinkJson.write(links.create(settings))).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The links the caller manages, optionally of one target")
    public JsonObject list(@QueryParam("targetId") String targetId, @QueryParam("limit") Integer limit,
                           @QueryParam("cursor") String cursor) {
        int size = limit == null ? 50 : Math.max(1, Math.min(200, limit));
        UUID target = targetId == null || targetId.isBlank() ? null : LinkJson.uuid(targetId, "targetId");
        UUID after = cursor == null || cursor.isBlank() ? null : LinkJson.uuid(cursor, "cursor");
        List<ShareLink> page = links.list(target, size, after);
        JsonArrayBuilder items = Json.createArrayBuilder();
        page.stream().limit(size).forEach(l -> items.add(LinkJson.write(l)));
        var answer = Json.createObjectBuilder().add("items", items);
        if (page.size() > size) {
            answer.add("nextCursor", page.get(size - 1).id().toString());
        } else {
            answer.addNull("nextCursor");
        }
        return answer.build();
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One link's settings (never its password or token)")
    public JsonObject get(@PathParam("id") String id) {
        return LinkJson.write(links.get(id(id)));
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change settings; a change of password, email rules or NDA ends every visitor session")
    public JsonObject update(@PathParam("id") String id, String body) {
        UUID linkId = id(id);
        links.requireManage(linkId); // authorization before validation
        JsonObject patch = JsonConfig.readObject(body);
        LinkSettings settings = LinkJson.read(patch, true);
        return LinkJson.write(links.update(linkId, settings, patch.keySet()));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke at once (revoking again changes nothing)")
    public Response revoke(@PathParam("id") String id) {
        links.revoke(id(id));
        return Response.noContent().build();
    }

    static UUID id(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("no such link");
        }
    }

}
