package io.coffer.api.questions;

import io.coffer.api.security.ClientAddresses;
import io.coffer.api.security.Public;
import io.coffer.questions.Questions;
import io.coffer.sharelinks.VisitorViews;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
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
 * {@code POST, GET /public/links/{token}/questions} (QA-4, QA-5): visitors of a link with {@code allowQuestions} ask
 * about a document the link shows them and read their own questions and the published ones. A link without
 * {@code allowQuestions} answers 404, as an unknown link. A root resource of its own, more specific than the visitor
 * resource's {@code /public}, so that only this package calls the questions module.
 */
@Path("/public/links/{token}/questions")
@RequestScoped
@PermitAll
@Public
@Tag(name = "visitor")
public class LinkQuestionsResource {

    @EJB
    Questions questions;

    @Inject
    ClientAddresses clients;

    @Context
    HttpServletRequest http;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "askLinkQuestion",
            summary = "A visitor asks about a document the link shows (404 when the link does not allow questions)")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = QuestionDtos.VisitorAsk.class)))
    @APIResponse(responseCode = "201", description = "The question",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = QuestionDtos.View.class)))
    @SecurityRequirement(name = "visitorToken")
    public Response ask(@PathParam("token") String token, @HeaderParam("X-Visitor-Token") String visitorToken,
                        String body) {
        JsonObject o = QuestionDtos.read(body, Set.of("documentId", "text", "page"));
        return Response.status(Response.Status.CREATED).type(MediaType.APPLICATION_JSON)
                .entity(QuestionDtos.View.of(questions.askAsVisitor(
                        new VisitorViews.Request(token, visitorToken, clients.of(http)),
                        QuestionDtos.uuid(QuestionDtos.string(o, "documentId"), "documentId"),
                        QuestionDtos.string(o, "text"), QuestionDtos.page(o)))).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listLinkQuestions", summary = "The visitor's own questions (this session) and the"
            + " published ones, of the documents the link shows (404 when the link does not allow questions)")
    @APIResponse(responseCode = "200", description = "The questions (no dataroomId, no asker)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = QuestionDtos.Page.class)))
    @SecurityRequirement(name = "visitorToken")
    public QuestionDtos.Page list(@PathParam("token") String token,
                                  @HeaderParam("X-Visitor-Token") String visitorToken) {
        return QuestionDtos.Page.of(questions.listForVisitor(new VisitorViews.Request(token, visitorToken,
                clients.of(http))));
    }
}
