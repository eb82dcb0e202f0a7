package io.coffer.questions;

import io.coffer.shared.TenantId;
import io.coffer.shared.UserId;
import java.time.Instant;
import java.util.UUID;

/**
 * Events of Q&A (contract event types {@code question.asked}, {@code question.answered}), fired inside the request's
 * transaction; ids only, never the text (the activity stream and the audit log record who asked or answered what
 * question of which document, not what was said).
 */
public final class QuestionEvents {
    private QuestionEvents() {
    }

    /** A member ({@code actor}) or a visitor ({@code visitorSession} of {@code link}, with the email it gave) asked. */
    public record Asked(TenantId tenant, UUID question, UUID room, UUID document, Integer page, UserId actor,
                        UUID visitorSession, String visitorEmail, UUID link, Instant at) implements QuestionEvent {
        public static final String TYPE = "question.asked";

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public String toString() {
            return "Asked[" + question + ", " + document + "]"; // never the email
        }
    }

    /** A manager answered; {@code published}: to everyone who can see the document. */
    public record Answered(TenantId tenant, UUID question, UUID answer, UUID room, UUID document, boolean published,
                           UserId actor, Instant at) implements QuestionEvent {
        public static final String TYPE = "question.answered";

        @Override
        public String type() {
            return TYPE;
        }
    }
}
