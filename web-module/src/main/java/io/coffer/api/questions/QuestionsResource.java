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

/** {@code POST /questions/{id}/answers} (QA-6, QA-8): a manager of the question's document answers. */
@Path("/questions")
@RequestScoped
@PermitAll
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@Tag(name = "questions")
public class QuestionsResource {

    @EJB
    Questions questions;

    @POST
    @Path("/{id}/answers")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "answerQuestion", summary = "Answer a question (MANAGE on its document), privately or"
            + " published; the asker is mailed")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = QuestionDtos.AnswerBody.class)))
    @APIResponse(responseCode = "201", description = "The answer",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = QuestionDtos.Answer.class)))
    public Response answer(@PathParam("id") String id, String body) {
        JsonObject o = QuestionDtos.read(body, Set.of("text", "publish"));
        return Response.status(Response.Status.CREATED).entity(QuestionDtos.Answer.of(questions.answer(
                PathIds.uuid(id), QuestionDtos.string(o, "text"), QuestionDtos.bool(o, "publish")))).build();
    }
}
