package io.coffer.api.questions;

import io.coffer.api.PathIds;
import io.coffer.api.security.Authenticated;
import io.coffer.questions.Questions;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /datarooms/{id}/questions?status=} (QA-1, QA-2): a room's questions as the caller may see them. */
@Path("/datarooms/{id}/questions")
@RequestScoped
@PermitAll
@Authenticated
@SecurityRequirement(name = "bearer")
@Tag(name = "questions")
public class RoomQuestionsResource {

    @EJB
    Questions questions;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listQuestions", summary = "A room's questions, newest first: all of them for the"
            + " documents' managers, otherwise the caller's own and the published ones")
    @APIResponse(responseCode = "200", description = "The questions",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = QuestionDtos.Page.class)))
    public QuestionDtos.Page list(@PathParam("id") String id,
                                  @Parameter(schema = @Schema(enumeration = {"OPEN", "ANSWERED", "PUBLISHED"},
                                          maxLength = 9)) @QueryParam("status") String status) {
        return QuestionDtos.Page.of(questions.list(PathIds.room(id), status));
    }
}
