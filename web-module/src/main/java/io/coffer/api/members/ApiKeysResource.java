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
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

@Path("/api-keys")
@RequestScoped
@PermitAll
@Authenticated
@MinimumRole(Role.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class ApiKeysResource {

    @EJB
    ApiKeys apiKeys;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an API key; the key is in this answer only")
    public Response create(MemberDtos.ApiKeyRequest request) {
        if (request == null) {
            throw ValidationException.of("name", "is required");
        }
        ApiKeys.CreatedApiKey created = apiKeys.create(request.name(), request.scopes(), request.expiresAt());
        return Response.status(Response.Status.CREATED)
                .entity(MemberDtos.ApiKey.of(created.apiKey(), created.key())).build();
    }

    @GET
    @Operation(summary = "The tenant's API keys (never the keys themselves)")
    public Page<MemberDtos.ApiKey> list() {
        return Page.of(apiKeys.list().stream().map(k -> MemberDtos.ApiKey.of(k, null)).toList());
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke an API key at once")
    public Response revoke(@PathParam("id") String id) {
        apiKeys.revoke(Ids.uuid(id));
        return Response.noContent().build();
    }
}
