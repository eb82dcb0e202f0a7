package io.coffer.api.me;

import io.coffer.api.Page;
import io.coffer.api.PathIds;
import io.coffer.api.security.Authenticated;
import io.coffer.identity.MySessions;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Where the caller is signed in, and ending one of those sessions (docs/features/identity.md, ID-39..ID-43). */
@Path("/me/sessions")
@RequestScoped
@PermitAll
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@Tag(name = "me")
public class SessionsResource {

    @EJB
    MySessions sessions;

    @Schema(name = "LoginSession", description = "A sign-in of the caller: one login and its refreshes.")
    public record Session(@Schema(required = true, format = "uuid") String id,
                          @Schema(required = true) Instant createdAt,
                          @Schema(required = true, description = "The login or the last refresh (every 15 minutes"
                                  + " while the web app is open).") Instant lastUsedAt,
                          @Schema(required = true, nullable = true, maxLength = 256,
                                  description = "The User-Agent of the login.") String userAgent,
                          @Schema(required = true, nullable = true, maxLength = 64,
                                  description = "The client address of the last use.") String clientAddress,
                          @Schema(required = true, description = "The session of the token of this request.")
                          boolean current) {
        static Session of(MySessions.SessionView s) {
            return new Session(s.id().toString(), s.createdAt(), s.lastUsedAt(), s.userAgent(), s.clientAddress(),
                    s.current());
        }
    }

    @GET
    @Operation(operationId = "listMySessions",
            summary = "The caller's live sessions, last used first; not with an API key (403)")
    public Page<Session> list() {
        return Page.of(sessions.mine().stream().map(Session::of).toList());
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "endMySession",
            summary = "End one of the caller's sessions: its refresh token and, at the next request, its access"
                    + " tokens stop; any other id is 404")
    @APIResponse(responseCode = "204", description = "The session has ended")
    public Response end(@PathParam("id") String id) {
        sessions.end(PathIds.uuid(id));
        return Response.noContent().build();
    }
}
