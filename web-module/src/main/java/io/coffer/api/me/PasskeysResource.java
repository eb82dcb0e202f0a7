package io.coffer.api.me;

import io.coffer.api.JsonFields;
import io.coffer.api.Page;
import io.coffer.api.PathIds;
import io.coffer.api.auth.PasskeyJson;
import io.coffer.api.security.Authenticated;
import io.coffer.api.security.SecondFactorEnrolment;
import io.coffer.identity.Passkeys;
import io.coffer.shared.error.ValidationException;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonObject;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's passkeys (contract: "Multi-factor and single sign-on"; docs/features/passkeys.md). */
@Path("/me/webauthn")
@RequestScoped
@PermitAll
@Authenticated
@SecondFactorEnrolment
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@Tag(name = "me")
public class PasskeysResource {

    @EJB
    Passkeys passkeys;

    @POST
    @Path("/registrations")
    @Operation(operationId = "startPasskeyRegistration",
            summary = "Options for a new passkey (a challenge for 5 minutes, once); not with an API key (403)")
    @APIResponse(responseCode = "200", description = "The options for navigator.credentials.create",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PasskeyJson.CreationOptions.class)))
    public PasskeyJson.CreationOptions start() {
        return PasskeyJson.CreationOptions.of(passkeys.registrationOptions());
    }

    @POST
    @Path("/registrations/finish")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "finishPasskeyRegistration",
            summary = "Store the passkey the browser made for the options; 400 for a response that does not verify,"
                    + " 409 for a passkey registered already")
    @APIResponse(responseCode = "201", description = "The passkey is registered",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PasskeyJson.Passkey.class)))
    @RequestBody(required = true, content = {@Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PasskeyJson.RegistrationFinish.class))})
    public Response finish(JsonObject request) {
        if (request == null) {
            throw ValidationException.of("credential", "is required");
        }
        String name = JsonFields.string(request, "name", "name");
        JsonObject credential = JsonFields.object(request, "credential", "credential");
        Passkeys.Passkey stored = passkeys.finishRegistration(name, credential == null ? null : credential.toString());
        return Response.status(Response.Status.CREATED).entity(PasskeyJson.Passkey.of(stored)).build();
    }

    @GET
    @Path("/credentials")
    @Operation(operationId = "listPasskeys", summary = "The caller's passkeys, oldest first")
    public Page<PasskeyJson.Passkey> list() {
        return Page.of(passkeys.list().stream().map(PasskeyJson.Passkey::of).toList());
    }

    @DELETE
    @Path("/credentials/{id}")
    @Operation(operationId = "deletePasskey", summary = "Delete one of the caller's passkeys; any other id is 404")
    @APIResponse(responseCode = "204", description = "The passkey no longer signs in")
    public Response delete(@PathParam("id") String id) {
        passkeys.delete(PathIds.uuid(id));
        return Response.noContent().build();
    }
}
