package io.coffer.api.me;

import io.coffer.api.security.Authenticated;
import io.coffer.api.security.SecondFactorEnrolment;
import io.coffer.api.security.ClientAddresses;
import io.coffer.identity.SecondFactor;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's TOTP second factor (contract: "Multi-factor and single sign-on"; docs/features/mfa.md). */
@Path("/me/mfa/totp")
@RequestScoped
@PermitAll
@Authenticated
@SecondFactorEnrolment
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@Tag(name = "me")
public class MfaResource {

    @EJB
    SecondFactor factor;

    @Inject
    ClientAddresses clients;

    @Context
    HttpServletRequest http;

    @POST
    @Operation(operationId = "enrolTotp",
            summary = "Start a TOTP enrolment (replaces a pending one); active only once confirmed; 409 when active")
    @APIResponse(responseCode = "201", description = "The pending secret and its otpauth:// URL",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = MfaDtos.TotpEnrolment.class)))
    public Response enrol() {
        SecondFactor.TotpEnrolment enrolment = factor.enrolTotp();
        return Response.status(Response.Status.CREATED)
                .entity(new MfaDtos.TotpEnrolment(enrolment.secret(), enrolment.otpauthUrl())).build();
    }

    @POST
    @Path("/confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "confirmTotp",
            summary = "Confirm the pending TOTP enrolment with a code; answers ten recovery codes, once")
    @APIResponse(responseCode = "200", description = "TOTP is active; the recovery codes are shown only here",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = MfaDtos.RecoveryCodes.class)))
    @RequestBody(required = true, content = {@Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = MfaDtos.TotpCode.class))})
    public MfaDtos.RecoveryCodes confirm(MfaDtos.TotpCode request) {
        // the checks of the code are the module's, after the caller's (403 before 400)
        return new MfaDtos.RecoveryCodes(factor.confirmTotp(request == null ? null : request.code()));
    }

    @DELETE
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "disableTotp",
            summary = "Turn TOTP off with a current code or a recovery code (a no-op when it is off)")
    @APIResponse(responseCode = "204", description = "TOTP and the recovery codes are gone")
    @RequestBody(required = true, content = {@Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = MfaDtos.TotpDisable.class))})
    public Response disable(MfaDtos.TotpDisable request) {
        factor.disableTotp(request == null ? null : request.code(), request == null ? null : request.recoveryCode(),
                clients.of(http));
        return Response.noContent().build();
    }
}
