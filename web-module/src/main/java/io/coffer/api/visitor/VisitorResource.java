package io.coffer.api.visitor;

import io.coffer.api.JsonConfig;
import io.coffer.api.content.ContentResponses;
import io.coffer.api.documents.TicketResponse;
import io.coffer.api.security.ClientAddresses;
import io.coffer.api.security.Public;
import io.coffer.documents.Content;
import io.coffer.platform.CofferSettings;
import io.coffer.shared.DocumentId;
import io.coffer.shared.FolderId;
import io.coffer.shared.error.NotFoundException;
import io.coffer.shared.error.ValidationException;
import io.coffer.sharelinks.VisitorViews;
import io.coffer.sharelinks.VisitorSessions;
import io.coffer.sharelinks.Visitors;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The visitor side of share links (contract "Share links", visitor table). No bearer token: the link token in the
 * path is the capability, the visitor token comes in {@code X-Visitor-Token}. Every answer, errors included, carries
 * {@code Referrer-Policy: no-referrer} and {@code Cache-Control: no-store} ({@link VisitorHeaders}). Our addition:
 * {@code GET /public/links/{token}/zip[?folderId=]} streams a zip of what the visitor may download, and
 * {@code GET /public/link-tickets/{ticket}} redeems a download ticket.
 */
@Path("/public")
@RequestScoped
@PermitAll
@Public
@Tag(name = "visitor")
public class VisitorResource {

    static final String VISITOR_TOKEN = "X-Visitor-Token";

    @EJB
    Visitors visitors;

    @EJB
    io.coffer.sharelinks.AccessRequests accessRequests;

    @EJB
    VisitorSessions sessions;

    @Inject
    ClientAddresses clients;

    @Inject
    CofferSettings settings;

    @Context
    HttpServletRequest http;

    private VisitorViews.Request request(String token, String visitorToken) {
        return new VisitorViews.Request(token, visitorToken, clients.of(http));
    }

    @GET
    @Path("/links/{token}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "openLink",
            summary = "Open a link: its name, what it requires; unknown or revoked → 404, expired or used up → 410")
    @APIResponse(responseCode = "200", description = "What the link is and what it requires",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VisitorDtos.Intro.class)))
    public VisitorDtos.Intro open(@PathParam("token") String token) {
        return VisitorDtos.Intro.of(sessions.open(token, clients.of(http)));
    }

    @POST
    @Path("/links/{token}/sessions")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "startVisitorSession",
            summary = "Start a visitor session (one view) with what the link requires")
    @APIResponse(responseCode = "201", description = "A visitor session (one view)",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VisitorDtos.Session.class)))
    @RequestBody(required = false,
            content = {@org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VisitorDtos.Credentials.class))})
    public Response session(@PathParam("token") String token, String body) {
        JsonObject o = body == null || body.isBlank() ? JsonValue.EMPTY_JSON_OBJECT : JsonConfig.readObject(body);
        for (String key : o.keySet()) {
            if (!Set.of("password", "email", "emailCode", "ndaAccepted").contains(key)) {
                throw ValidationException.of(key, "is not a field of this object");
            }
        }
        VisitorViews.Credentials given = new VisitorViews.Credentials(string(o, "password"), string(o, "email"),
                string(o, "emailCode"), o.containsKey("ndaAccepted") && o.get("ndaAccepted") == JsonValue.TRUE);
        VisitorViews.Session s = sessions.createSession(token, given, clients.of(http));
        return Response.status(Response.Status.CREATED).type(MediaType.APPLICATION_JSON)
                .entity(VisitorDtos.Session.of(s)).build();
    }

    /** The body of an access request (AR-1). */
    @Schema(name = "AccessRequestBody")
    public record AccessRequestBody(
            @Schema(required = true, format = "email", maxLength = 254) String email,
            @Schema(nullable = true, maxLength = 2000, description = "To the link's creator; no control characters"
                    + " but line breaks.") String message) {
    }

    @POST
    @Path("/links/{token}/access-requests")
    @Operation(operationId = "requestLinkAccess",
            summary = "A visitor refused by the link's allow list asks for access (always 202: it tells nothing of"
                    + " the list)")
    @APIResponse(responseCode = "202", description = "Asked (the link's creator is mailed once per pending email)")
    @RequestBody(required = true,
            content = {@org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AccessRequestBody.class))})
    public Response askForAccess(@PathParam("token") String token, String body) {
        JsonObject o = body == null || body.isBlank() ? JsonValue.EMPTY_JSON_OBJECT : JsonConfig.readObject(body);
        for (String key : o.keySet()) {
            if (!Set.of("email", "message").contains(key)) {
                throw ValidationException.of(key, "is not a field of this object");
            }
        }
        accessRequests.ask(token, string(o, "email"), string(o, "message"), clients.of(http));
        return Response.accepted().type(MediaType.APPLICATION_JSON).entity("{}").build();
    }

    @GET
    @Path("/links/{token}/tree")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getLinkTree", summary = "What the link shows, with allowDownload per item")
    @APIResponse(responseCode = "200", description = "What the link shows",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VisitorDtos.Tree.class)))
    @SecurityRequirement(name = "visitorToken")
    public VisitorDtos.Tree tree(@PathParam("token") String token,
                                 @HeaderParam(VISITOR_TOKEN) String visitorToken) {
        return new VisitorDtos.Tree(VisitorDtos.Node.of(visitors.tree(request(token, visitorToken))));
    }

    @GET
    @Path("/links/{token}/search")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "searchLink",
            summary = "Names and text of what the link shows, best first (404 when the link does not allow search)")
    @APIResponse(responseCode = "200", description = "A page of results (no dataroomId)",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = io.coffer.api.search.SearchDtos.Results.class)))
    @SecurityRequirement(name = "visitorToken")
    public io.coffer.api.search.SearchDtos.Results search(
            @PathParam("token") String token, @HeaderParam(VISITOR_TOKEN) String visitorToken,
            @org.eclipse.microprofile.openapi.annotations.parameters.Parameter(required = true,
                    schema = @Schema(minLength = 1, maxLength = 200)) @QueryParam("q") String q,
            @org.eclipse.microprofile.openapi.annotations.parameters.Parameter(
                    schema = @Schema(minimum = "1", maximum = "200", defaultValue = "50"),
                    description = "Larger is clamped to 200") @QueryParam("limit") Integer limit,
            @org.eclipse.microprofile.openapi.annotations.parameters.Parameter(
                    description = "The nextCursor of the previous page",
                    schema = @Schema(type = SchemaType.STRING, maxLength = 64, pattern = "^[A-Za-z0-9_-]+$"))
            @QueryParam("cursor") String cursor) {
        return io.coffer.api.search.SearchDtos.Results.of(
                visitors.search(request(token, visitorToken), q, limit, cursor), false);
    }

    @GET
    @Path("/links/{token}/documents/{docId}/pages/{n}")
    @Produces("image/png")
    @Operation(operationId = "getLinkPage",
            summary = "A page as PNG, with the watermark drawn into the pixels when the link has one")
    @APIResponse(responseCode = "200", description = "The page as PNG",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "image/png",
                    schema = @Schema(type = SchemaType.STRING, format = "binary", maxLength = 2147483647)))
    @SecurityRequirement(name = "visitorToken")
    public Response page(@PathParam("token") String token, @PathParam("docId") String docId,
                         @PathParam("n") String n, @HeaderParam(VISITOR_TOKEN) String visitorToken) {
        int page;
        try {
            page = Integer.parseInt(n);
        } catch (NumberFormatException e) {
            throw new NotFoundException("no such page");
        }
        return ContentResponses.page(visitors.page(request(token, visitorToken), new DocumentId(uuid(docId)), page))
                .build();
    }

    @GET
    @Path("/links/{token}/documents/{docId}/content")
    @Operation(operationId = "getLinkContent",
            summary = "Download (a watermarked PDF when the link watermarks); Range, HEAD; 403 when downloads are off")
    @APIResponse(responseCode = "200", description = "The bytes",
            headers = {@Header(name = "Content-Disposition", description = "attachment with an RFC 6266 filename",
                    schema = @Schema(type = SchemaType.STRING, maxLength = 1024))},
                            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "*/*",
                                    schema = @Schema(type = SchemaType.STRING, format = "binary", maxLength = 2147483647)))
    @APIResponse(responseCode = "206", description = "One range of the bytes",
            headers = {@Header(name = "Content-Range", description = "bytes a-b/size",
                    schema = @Schema(type = SchemaType.STRING, maxLength = 64))},
                            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "*/*",
                                    schema = @Schema(type = SchemaType.STRING, format = "binary", maxLength = 2147483647)))
    @SecurityRequirement(name = "visitorToken")
    public Response content(@PathParam("token") String token, @PathParam("docId") String docId,
                            @HeaderParam(VISITOR_TOKEN) String visitorToken, @HeaderParam("Range") String range) {
        String ifNoneMatch = http.getHeader(HttpHeaders.IF_NONE_MATCH);
        Content content = visitors.content(request(token, visitorToken), new DocumentId(uuid(docId)),
                served -> ContentResponses.isDownload(HttpMethod.GET, served, ifNoneMatch, range));
        return ContentResponses.serve(content, ifNoneMatch, range).build();
    }

    @HEAD
    @Path("/links/{token}/documents/{docId}/content")
    @Operation(operationId = "headLinkContent", summary = "The download's headers only")
    @APIResponse(responseCode = "200", description = "The download's headers")
    @APIResponse(responseCode = "206", description = "The headers of one range")
    @SecurityRequirement(name = "visitorToken")
    public Response contentHead(@PathParam("token") String token, @PathParam("docId") String docId,
                                @HeaderParam(VISITOR_TOKEN) String visitorToken, @HeaderParam("Range") String range) {
        String ifNoneMatch = http.getHeader(HttpHeaders.IF_NONE_MATCH);
        Content content = visitors.content(request(token, visitorToken), new DocumentId(uuid(docId)),
                served -> ContentResponses.isDownload(HttpMethod.HEAD, served, ifNoneMatch, range));
        return ContentResponses.serve(content, ifNoneMatch, range).build();
    }

    @POST
    @Path("/links/{token}/documents/{docId}/download-ticket")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createLinkDownloadTicket",
            summary = "A single-use URL valid 60 s for a browser's native download; 403 when downloads are off")
    @APIResponse(responseCode = "201", description = "A single-use URL valid 60 s",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = io.coffer.api.documents.TicketResponse.class)))
    @SecurityRequirement(name = "visitorToken")
    public Response ticket(@PathParam("token") String token, @PathParam("docId") String docId,
                           @HeaderParam(VISITOR_TOKEN) String visitorToken) {
        String ticket = visitors.ticket(request(token, visitorToken), uuid(docId));
        return Response.status(Response.Status.CREATED).type(MediaType.APPLICATION_JSON)
                .entity(new TicketResponse(settings.publicUrl() + "/api/v1/public/link-tickets/" + ticket,
                        io.coffer.documents.Tickets.LIFETIME.toSeconds())).build();
    }

    @GET
    @Path("/link-tickets/{ticket}")
    @Operation(operationId = "redeemLinkTicket",
            summary = "Download once with a visitor's ticket (60 s), checked by the link's rules at use")
    @APIResponse(responseCode = "200", description = "The bytes",
            headers = {@Header(name = "Content-Disposition", description = "attachment with an RFC 6266 filename",
                    schema = @Schema(type = SchemaType.STRING, maxLength = 1024))},
                            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "*/*",
                                    schema = @Schema(type = SchemaType.STRING, format = "binary", maxLength = 2147483647)))
    @APIResponse(responseCode = "400", ref = "#/components/responses/BadRequest")
    public Response redeem(@PathParam("ticket") String ticket) {
        return ContentResponses.serve(visitors.redeemTicket(ticket, clients.of(http)), null, null).build();
    }

    /**
     * Refused (405, {@code Allow: GET}) and the ticket left unused (SL-28): without this method JAX-RS answers HEAD by
     * running the GET, and a link scanner's or a prefetching browser's HEAD would use the single-use ticket up.
     */
    @HEAD
    @Path("/link-tickets/{ticket}")
    @Operation(operationId = "headLinkTicket", summary = "Refused with 405: a HEAD never uses a visitor's ticket up")
    @APIResponse(responseCode = "405", ref = "#/components/responses/MethodNotAllowed")
    public Response headTicket(@PathParam("ticket") String ticket) {
        throw new NotAllowedException(HttpMethod.GET);
    }

    @GET
    @Path("/links/{token}/zip")
    @Produces("application/zip")
    @Operation(operationId = "getLinkZip",
            summary = "A streamed zip of the visible, downloadable documents (of one folder with ?folderId=)")
    @APIResponse(responseCode = "200", description = "A zip of the downloadable documents",
            headers = {@Header(name = "Content-Disposition", description = "attachment with an RFC 6266 filename",
                    schema = @Schema(type = SchemaType.STRING, maxLength = 1024))},
                            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/zip", schema = @Schema(type = SchemaType.STRING, format = "binary", maxLength = 2147483647)))
    @SecurityRequirement(name = "visitorToken")
    public Response zip(@PathParam("token") String token, @QueryParam("folderId") String folderId,
                        @HeaderParam(VISITOR_TOKEN) String visitorToken) {
        FolderId folder = folderId == null || folderId.isBlank() ? null : new FolderId(uuid(folderId));
        return ContentResponses.zip(visitors.zip(request(token, visitorToken), folder)).build();
    }

    private static String string(JsonObject o, String key) {
        if (!o.containsKey(key) || o.isNull(key)) {
            return null;
        }
        if (o.get(key).getValueType() != JsonValue.ValueType.STRING) {
            throw ValidationException.of(key, "must be a string");
        }
        return o.getString(key);
    }

    static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("no such document");
        }
    }
}
