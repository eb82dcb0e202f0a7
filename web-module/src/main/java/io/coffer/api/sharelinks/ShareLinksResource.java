package io.coffer.api.sharelinks;

import io.coffer.api.JsonConfig;
import io.coffer.api.security.Authenticated;
import io.coffer.sharelinks.LinkSettings;
import io.coffer.sharelinks.ShareLink;
import io.coffer.sharelinks.ShareLinks;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The owner side of share links (contract "Share links"): needs MANAGE on the target. */
@Path("/share-links")
@RequestScoped
@PermitAll
@Authenticated
@SecurityRequirement(name = "bearer")
@Tag(name = "share-links")
public class ShareLinksResource {
    @EJB
    io.coffer.sharelinks.AccessRequests accessRequests;


    @EJB
    ShareLinks links;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createShareLink",
            summary = "Create a link to a document, folder or room (MANAGE on the target); the token is shown once")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ShareLinkDtos.Request.class)))
    @APIResponse(responseCode = "201", description = "The link, with its token and url (shown once)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ShareLinkDtos.View.class)))
    public Response create(String body) {
        LinkSettings settings = LinkJson.read(JsonConfig.readObject(body), false);
        return Response.status(Response.Status.CREATED).entity(ShareLinkDtos.View.of(links.create(settings))).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listShareLinks", summary = "The links the caller manages, optionally of one target")
    @APIResponse(responseCode = "200", description = "One page of links",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ShareLinkDtos.Page.class)))
    public ShareLinkDtos.Page list(@QueryParam("targetId") String targetId,
                                   @Parameter(schema = @Schema(minimum = "1", maximum = "200", defaultValue = "50"),
                                           description = "Larger is clamped to 200") @QueryParam("limit") Integer limit,
                                   @QueryParam("cursor") String cursor) {
        int size = limit == null ? 50 : Math.max(1, Math.min(200, limit));
        UUID target = targetId == null || targetId.isBlank() ? null : LinkJson.uuid(targetId, "targetId");
        io.coffer.shared.LinkId after = cursor == null || cursor.isBlank() ? null
                : new io.coffer.shared.LinkId(LinkJson.uuid(cursor, "cursor"));
        List<ShareLink> page = links.list(target, size, after);
        return new ShareLinkDtos.Page(page.stream().limit(size).map(ShareLinkDtos.View::of).toList(),
                page.size() > size ? page.get(size - 1).id().toString() : null);
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getShareLink", summary = "One link's settings (never its password or token)")
    @APIResponse(responseCode = "200", description = "The link",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ShareLinkDtos.View.class)))
    public ShareLinkDtos.View get(@PathParam("id") String id) {
        return ShareLinkDtos.View.of(links.get(io.coffer.api.PathIds.link(id)));
    }

    @GET
    @Path("/{id}/access-requests")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listAccessRequests", summary = "Visitors' requests for access to the link, newest first")
    @APIResponse(responseCode = "200", description = "The requests",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = io.coffer.api.accessrequests.AccessRequestDtos.Page.class)))
    public io.coffer.api.accessrequests.AccessRequestDtos.Page accessRequests(@PathParam("id") String id) {
        return new io.coffer.api.accessrequests.AccessRequestDtos.Page(accessRequests.list(
                io.coffer.api.PathIds.link(id)).stream().map(io.coffer.api.accessrequests.AccessRequestDtos.View::of)
                .toList(), null);
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateShareLink",
            summary = "Change settings; a change of password, email rules or NDA ends every visitor session")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ShareLinkDtos.Request.class)))
    @APIResponse(responseCode = "200", description = "The changed link",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ShareLinkDtos.View.class)))
    public ShareLinkDtos.View update(@PathParam("id") String id, String body) {
        io.coffer.shared.LinkId linkId = io.coffer.api.PathIds.link(id);
        links.requireManage(linkId); // authorization before validation
        JsonObject patch = JsonConfig.readObject(body);
        LinkSettings settings = LinkJson.read(patch, true);
        return ShareLinkDtos.View.of(links.update(linkId, settings, patch.keySet()));
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "revokeShareLink", summary = "Revoke at once (revoking again changes nothing)")
    @APIResponse(responseCode = "204", description = "Revoked")
    public Response revoke(@PathParam("id") String id) {
        links.revoke(io.coffer.api.PathIds.link(id));
        return Response.noContent().build();
    }

}
