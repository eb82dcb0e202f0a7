package io.coffer.api.questions;

import io.coffer.api.JsonConfig;
import io.coffer.api.JsonFields;
import io.coffer.questions.Question;
import io.coffer.questions.Questions;
import io.coffer.shared.error.ValidationException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Questions and answers as the API answers them (docs/features/questions.md). */
public final class QuestionDtos {

    private QuestionDtos() {
    }

    @Schema(name = "QuestionAsker", description = "Who asked; only the document's managers see it.")
    @JsonbPropertyOrder({"type", "userId", "linkId"})
    public record Asker(@Schema(required = true, enumeration = {"USER", "VISITOR"}, maxLength = 7) String type,
                        @Schema(required = true, nullable = true, format = "uuid", maxLength = 36) String userId,
                        @Schema(required = true, nullable = true, format = "uuid", maxLength = 36,
                                description = "The link a visitor asked through") String linkId) {
        static Asker of(Question.Asker a) {
            return a == null ? null : new Asker(a.type(), a.userId() == null ? null : a.userId().toString(),
                    a.linkId() == null ? null : a.linkId().toString());
        }
    }

    @Schema(name = "Answer")
    @JsonbPropertyOrder({"id", "text", "published", "answeredAt", "answeredBy"})
    public record Answer(@Schema(required = true, format = "uuid", maxLength = 36) String id,
                         @Schema(required = true, maxLength = Questions.MAX_ANSWER) String text,
                         @Schema(required = true, description = "Seen by everyone who can see the document")
                         boolean published,
                         @Schema(required = true) Instant answeredAt,
                         @Schema(format = "uuid", maxLength = 36, description = "The answering member (not shown to"
                                 + " visitors)") @JsonbNillable(false) String answeredBy) {
        static Answer of(Question.Answer a) {
            return new Answer(a.id().toString(), a.text(), a.published(), a.answeredAt(),
                    a.answeredBy() == null ? null : a.answeredBy().toString());
        }
    }

    @Schema(name = "Question")
    @JsonbPropertyOrder({"id", "dataroomId", "documentId", "documentName", "page", "text", "status", "askedAt", "mine",
            "asker", "answers"})
    public record View(@Schema(required = true, format = "uuid", maxLength = 36) String id,
                       @Schema(format = "uuid", maxLength = 36, description = "Not shown to visitors")
                       @JsonbNillable(false) String dataroomId,
                       @Schema(required = true, format = "uuid", maxLength = 36) String documentId,
                       @Schema(maxLength = 255, description = "Visitors only (members have the tree)")
                       @JsonbNillable(false) String documentName,
                       @Schema(required = true, nullable = true, minimum = "1", maximum = "100000") Integer page,
                       @Schema(required = true, maxLength = Questions.MAX_TEXT) String text,
                       @Schema(required = true, enumeration = {"OPEN", "ANSWERED", "PUBLISHED"}, maxLength = 9)
                       String status,
                       @Schema(required = true) Instant askedAt,
                       @Schema(required = true, description = "Asked by the caller (a visitor: in this session)")
                       boolean mine,
                       @Schema(required = true, nullable = true) Asker asker,
                       @Schema(required = true, maxItems = 1000, description = "Oldest first: all of them for the"
                               + " managers and the asker, the published ones for everyone else") List<Answer> answers) {
        static View of(Question q) {
            return new View(q.id().toString(), q.roomId() == null ? null : q.roomId().toString(),
                    q.documentId().toString(), q.documentName(), q.page(), q.text(), q.status(), q.askedAt(),
                    q.mine(), Asker.of(q.asker()), q.answers().stream().map(Answer::of).toList());
        }
    }

    @Schema(name = "QuestionList")
    @JsonbPropertyOrder({"items", "nextCursor"})
    public record Page(@Schema(required = true, maxItems = 1000, description = "Newest first, at most 1,000.")
                       List<View> items,
                       @Schema(required = true, nullable = true, maxLength = 64, description = "Always null: one"
                               + " page.") String nextCursor) {
        static Page of(List<Question> questions) {
            return new Page(questions.stream().map(View::of).toList(), null);
        }
    }

    @Schema(name = "QuestionRequest")
    public record Ask(@Schema(required = true, minLength = 1, maxLength = Questions.MAX_TEXT,
                              description = "No control characters but line breaks") String text,
                      @Schema(nullable = true, minimum = "1", maximum = "100000") Integer page) {
    }

    @Schema(name = "LinkQuestionRequest")
    public record VisitorAsk(@Schema(required = true, format = "uuid", maxLength = 36,
                                     description = "A document the link shows") String documentId,
                             @Schema(required = true, minLength = 1, maxLength = Questions.MAX_TEXT,
                                     description = "No control characters but line breaks") String text,
                             @Schema(nullable = true, minimum = "1", maximum = "100000") Integer page) {
    }

    @Schema(name = "AnswerRequest")
    public record AnswerBody(@Schema(required = true, minLength = 1, maxLength = Questions.MAX_ANSWER,
                                     description = "No control characters but line breaks") String text,
                             @Schema(nullable = true, description = "true: seen by everyone who can see the document;"
                                     + " false (default): by the asker and the managers only") Boolean publish) {
    }

    /** A body's object with only the {@code allowed} fields (else 400). */
    static JsonObject read(String body, Set<String> allowed) {
        JsonObject o = body == null || body.isBlank() ? JsonValue.EMPTY_JSON_OBJECT : JsonConfig.readObject(body);
        for (String key : o.keySet()) {
            if (!allowed.contains(key)) {
                throw ValidationException.of(key, "is not a field of this object");
            }
        }
        return o;
    }

    static String string(JsonObject o, String key) {
        return JsonFields.string(o, key, key);
    }

    static Integer page(JsonObject o) {
        if (!o.containsKey("page") || o.isNull("page")) {
            return null;
        }
        if (o.get("page").getValueType() != JsonValue.ValueType.NUMBER || !o.getJsonNumber("page").isIntegral()) {
            throw ValidationException.of("page", "must be a whole number");
        }
        try {
            return o.getJsonNumber("page").intValueExact();
        } catch (ArithmeticException e) {
            throw ValidationException.of("page", "must be a page number from 1");
        }
    }

    static Boolean bool(JsonObject o, String key) {
        return io.coffer.api.JsonFields.bool(o, key, key);
    }

    static UUID uuid(String s, String field) {
        try {
            return s == null ? null : UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            throw ValidationException.of(field, "must be a UUID");
        }
    }
}
