package io.coffer.api.automation;

import io.coffer.api.JsonConfig;
import io.coffer.api.security.Authenticated;
import io.coffer.api.security.MinimumRole;
import io.coffer.automation.Automations;
import io.coffer.automation.Rule;
import io.coffer.automation.RuleId;
import io.coffer.identity.Role;
import io.coffer.shared.error.NotFoundException;
import io.coffer.shared.error.ValidationException;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Automation rules (OWNER and ADMIN) and each member's daily digest opt-in (docs/features/automation.md). */
@Path("/automations")
@RequestScoped
@PermitAll
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@Tag(name = "automations")
public class AutomationsResource {

    @EJB
    Automations automations;

    @POST
    @MinimumRole(Role.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createAutomationRule", summary = "Create a rule: when an event of the trigger's type"
            + " matches the conditions, do the action (OWNER/ADMIN)")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AutomationDtos.Request.class)))
    @APIResponse(responseCode = "201", description = "The rule",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AutomationDtos.View.class)))
    public Response create(String body) {
        automations.requireAdmin(); // authorization before validation
        Rule.Input in = RuleJsonReader.read(JsonConfig.readObject(body));
        return Response.status(Response.Status.CREATED).entity(AutomationDtos.View.of(automations.create(in))).build();
    }

    @GET
    @MinimumRole(Role.ADMIN)
    @Operation(operationId = "listAutomationRules", summary = "The tenant's rules, built-in ones included (OWNER/ADMIN)")
    @APIResponse(responseCode = "200", description = "One page of rules",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AutomationDtos.Page.class)))
    public AutomationDtos.Page list(@Parameter(schema = @Schema(minimum = "1", maximum = "200", defaultValue = "50"),
                                            description = "Larger is clamped to 200") @QueryParam("limit") Integer limit,
                                    @QueryParam("cursor") String cursor) {
        int size = limit == null ? 50 : Math.max(1, Math.min(200, limit));
        RuleId after;
        try {
            after = cursor == null || cursor.isBlank() ? null : new RuleId(UUID.fromString(cursor));
        } catch (IllegalArgumentException e) {
            throw ValidationException.of("cursor", "must be a cursor of a previous page");
        }
        Rule.Page page = automations.list(size, after);
        return new AutomationDtos.Page(page.items().stream().map(AutomationDtos.View::of).toList(),
                page.next() == null ? null : page.next().toString());
    }

    @GET
    @Path("/digest")
    @Operation(operationId = "getDigestSetting", summary = "Whether the caller gets the daily digest of their links")
    @APIResponse(responseCode = "200", description = "The setting",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AutomationDtos.Digest.class)))
    public AutomationDtos.Digest digest() {
        return new AutomationDtos.Digest(automations.digest());
    }

    @PUT
    @Path("/digest")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "setDigestSetting", summary = "Opt in to (or out of) the daily digest of the caller's"
            + " links' views, visitors and downloads")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AutomationDtos.Digest.class)))
    @APIResponse(responseCode = "200", description = "The new setting",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AutomationDtos.Digest.class)))
    public AutomationDtos.Digest setDigest(String body) {
        AutomationDtos.Digest d = JsonConfig.read(body, AutomationDtos.Digest.class);
        if (d.enabled() == null) {
            throw ValidationException.of("enabled", "is required");
        }
        return new AutomationDtos.Digest(automations.digest(d.enabled()));
    }

    @GET
    @Path("/{id}")
    @MinimumRole(Role.ADMIN)
    @Operation(operationId = "getAutomationRule", summary = "One rule (OWNER/ADMIN)")
    @APIResponse(responseCode = "200", description = "The rule",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AutomationDtos.View.class)))
    public AutomationDtos.View get(@PathParam("id") String id) {
        return AutomationDtos.View.of(automations.get(rule(id)));
    }

    @PATCH
    @Path("/{id}")
    @MinimumRole(Role.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateAutomationRule", summary = "Change a rule; a built-in rule can only be enabled or"
            + " disabled (OWNER/ADMIN)")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AutomationDtos.Request.class)))
    @APIResponse(responseCode = "200", description = "The changed rule",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AutomationDtos.View.class)))
    public AutomationDtos.View update(@PathParam("id") String id, String body) {
        RuleId rule = rule(id);
        automations.get(rule); // authorization and existence before validation
        JsonObject patch = JsonConfig.readObject(body);
        Rule.Input in = RuleJsonReader.read(patch);
        return AutomationDtos.View.of(automations.update(rule, in, patch.keySet()));
    }

    @DELETE
    @Path("/{id}")
    @MinimumRole(Role.ADMIN)
    @Operation(operationId = "deleteAutomationRule", summary = "Delete a rule; a built-in rule cannot be deleted"
            + " (409: disable it)")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("id") String id) {
        automations.delete(rule(id));
        return Response.noContent().build();
    }

    private static RuleId rule(String id) {
        try {
            return new RuleId(UUID.fromString(id));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new NotFoundException("no such object");
        }
    }
}
