package io.coffer.api.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.coffer.shared.JsonP;
import io.coffer.shared.error.ValidationException.FieldError;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** OPS-10: a problem names the request it answers as its {@code instance}; nothing else of it varies per request. */
class ProblemTest {

    @AfterEach
    void leaveTheRequest() {
        RequestIds.set(null);
    }

    static JsonObject parse(String json) {
        try (var reader = JsonP.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    @Test
    void ops10_theInstanceIsTheThreadsRequestId_andOnlyItDiffersBetweenTwoRequests() {
        RequestIds.set("req-1");
        JsonObject first = parse(Problem.json(ProblemType.NOT_FOUND, null, null));
        RequestIds.set("0123456789abcdef0123456789abcdef");
        JsonObject second = parse(Problem.json(ProblemType.NOT_FOUND, null, null));
        assertEquals("urn:coffer:request:req-1", first.getString("instance"));
        assertEquals("urn:coffer:request:0123456789abcdef0123456789abcdef", second.getString("instance"));
        assertEquals(withoutInstance(first), withoutInstance(second));
        assertEquals("/problems/not-found", first.getString("type"));
    }

    @Test
    void ops10_validationAndCredentialProblemsCarryItToo() {
        RequestIds.set("abc");
        JsonObject invalid = parse(Problem.json(ProblemType.VALIDATION, "bad", List.of(new FieldError("name", "empty"))));
        assertEquals("urn:coffer:request:abc", invalid.getString("instance"));
        assertEquals("name", invalid.getJsonArray("errors").getJsonObject(0).getString("field"));
        JsonObject credentials = parse(Problem.credentialsRequiredJson("a password", List.of("password"),
                RequestIds.current()));
        assertEquals("urn:coffer:request:abc", credentials.getString("instance"));
        assertEquals("password", credentials.getJsonArray("requires").getString(0));
    }

    @Test
    void ops10_anExplicitIdWinsOverTheThreads_andWithoutAnyThereIsNoInstance() {
        RequestIds.set("thread");
        assertEquals("urn:coffer:request:dispatch",
                parse(Problem.json(ProblemType.INTERNAL, null, null, "dispatch")).getString("instance"));
        RequestIds.set(null);
        assertFalse(parse(Problem.json(ProblemType.INTERNAL, null, null)).containsKey("instance"),
                "outside a request a problem names no instance");
    }

    static JsonObject withoutInstance(JsonObject problem) {
        var copy = JsonP.createObjectBuilder();
        problem.forEach((name, value) -> {
            if (!name.equals("instance")) {
                copy.add(name, value);
            }
        });
        return copy.build();
    }
}
