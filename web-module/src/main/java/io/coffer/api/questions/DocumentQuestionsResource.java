package io.coffer.api.questions;

import io.coffer.api.PathIds;
import io.coffer.api.security.Authenticated;
import io.coffer.questions.Questions;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /documents/{id}/questions} (QA-3): a member with VIEW on the document asks. A root resource of its own
 * (more specific than the documents resource's path), so that only this package calls the questions module.
 */
@Path("/documents/{id}/questions")
@RequestScoped
@PermitAll
@Authenticated
@SecurityRequirement(name = "bearer")
@Tag(name = "questions")
public class DocumentQuestionsResource {

    @EJB
    Questions questions;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "askQuestion", summary = "Ask about a document (VIEW on it); private until answered"
            + " and published")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = QuestionDtos.Ask.class)))
    @APIResponse(responseCode = "201", description = "The question",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = QuestionDtos.View.class)))
    public Response ask(@PathParam("id") String id, String body) {
        JsonObject o = QuestionDtos.read(body, Set.of("text", "page"));
        return Response.status(Response.Status.CREATED).entity(QuestionDtos.View.of(questions.ask(
                PathIds.document(id), QuestionDtos.string(o, "text"), QuestionDtos.page(o)))).build();
    }
}
