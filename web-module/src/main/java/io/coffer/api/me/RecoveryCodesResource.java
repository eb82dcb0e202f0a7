package io.coffer.api.me;

import io.coffer.api.security.Authenticated;
import io.coffer.api.security.ClientAddresses;
import io.coffer.api.security.SecondFactorEnrolment;
import io.coffer.identity.SecondFactor;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** New recovery codes without turning TOTP off (docs/features/mfa.md, MFA-19). */
@Path("/me/mfa/recovery-codes")
@RequestScoped
@PermitAll
@Authenticated
@SecondFactorEnrolment
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@Tag(name = "me")
public class RecoveryCodesResource {

    @EJB
    SecondFactor factor;

    @Inject
    ClientAddresses clients;

    @Context
    HttpServletRequest http;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "regenerateRecoveryCodes",
            summary = "Replace the recovery codes with ten new ones, for a current TOTP code; the earlier ones end")
    @APIResponse(responseCode = "200", description = "The new recovery codes, shown only here",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = MfaDtos.RecoveryCodes.class)))
    @RequestBody(required = true, content = {@Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = MfaDtos.TotpCode.class))})
    public MfaDtos.RecoveryCodes regenerate(MfaDtos.TotpCode request) {
        // the checks of the code are the module's, after the caller's (403 before 400)
        return new MfaDtos.RecoveryCodes(factor.regenerateRecoveryCodes(request == null ? null : request.code(),
                clients.of(http)));
    }
}
