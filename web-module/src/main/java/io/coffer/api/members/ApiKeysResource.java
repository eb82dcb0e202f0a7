package io.coffer.api.members;

import io.coffer.api.Page;
import io.coffer.api.security.Authenticated;
import io.coffer.api.security.MinimumRole;
import io.coffer.identity.ApiKeys;
import io.coffer.identity.Role;
import io.coffer.shared.error.ValidationException;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

@Path("/api-keys")
@RequestScoped
@PermitAll
@Authenticated
@MinimumRole(Role.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@Tag(name = "members")
public class ApiKeysResource {

    @EJB
    ApiKeys apiKeys;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createApiKey", summary = "Create an API key; the key is in this answer only")
    @APIResponse(responseCode = "201", description = "The key, with its secret shown once",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = MemberDtos.ApiKey.class)))
    @RequestBody(required = true,
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = MemberDtos.ApiKeyRequest.class))})
    public Response create(MemberDtos.ApiKeyRequest request) {
        if (request == null) {
            throw ValidationException.of("name", "is required");
        }
        ApiKeys.CreatedApiKey created = apiKeys.create(request.name(), request.scopes(), request.expiresAt());
        return Response.status(Response.Status.CREATED)
                .entity(MemberDtos.ApiKey.of(created.apiKey(), created.key())).build();
    }

    @GET
    @Operation(operationId = "listApiKeys", summary = "The tenant's API keys (never the keys themselves)")
    public Page<MemberDtos.ApiKey> list() {
        return Page.of(apiKeys.list().stream().map(k -> MemberDtos.ApiKey.of(k, null)).toList());
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "revokeApiKey", summary = "Revoke an API key at once")
    @APIResponse(responseCode = "204", description = "Revoked")
    public Response revoke(@PathParam("id") String id) {
        apiKeys.revoke(Ids.uuid(id));
        return Response.noContent().build();
    }
}
