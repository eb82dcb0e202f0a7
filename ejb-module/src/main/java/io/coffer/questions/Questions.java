package io.coffer.questions;

import io.coffer.datarooms.DocumentEntry;
import io.coffer.datarooms.Permission;
import io.coffer.datarooms.Permissions;
import io.coffer.datarooms.RoomDocuments;
import io.coffer.identity.CallerCheck;
import io.coffer.identity.CurrentCaller;
import io.coffer.identity.MemberContacts;
import io.coffer.mail.Mail;
import io.coffer.mail.Mailer;
import io.coffer.platform.CofferSettings;
import io.coffer.platform.Throttling;
import io.coffer.platform.ThrottlingGate;
import io.coffer.questions.internal.QuestionRows;
import io.coffer.shared.DocumentId;
import io.coffer.shared.RoomId;
import io.coffer.shared.UserId;
import io.coffer.shared.error.ForbiddenException;
import io.coffer.shared.error.NotFoundException;
import io.coffer.shared.error.ValidationException;
import io.coffer.sharelinks.VisitorViews;
import io.coffer.sharelinks.Visitors;
import io.coffer.tenancy.SecretKind;
import io.coffer.tenancy.TenantOfSecret;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Q&A (docs/features/questions.md, QA-1..QA-10; contract "Search, file requests, Q&A"). Members ask about a document
 * they hold VIEW on; visitors ask through a link with {@code allowQuestions} about a document the link shows them
 * ({@link Visitors#questionScope}); the document's managers answer, privately or published, and the asker is mailed.
 * Who sees what is decided here and only here ({@link #visible}): the managers everything, the asker their own
 * question with every answer to it, everyone else who can see the document its published questions with their
 * published answers. A question of a document the reader cannot see is never answered, counted or named.
 */
@Stateless
@PermitAll
public class Questions {

    public static final int MAX_TEXT = 4000;
    public static final int MAX_ANSWER = 10_000;
    public static final int MAX_PAGE = 100_000;
    /** Questions one asker (member, or visitor address) may ask in the throttle's window (QA-9). */
    public static final int PER_ASKER = 20;
    static final Set<String> STATUSES = Set.of(Question.OPEN, Question.ANSWERED, Question.PUBLISHED);

    @Inject
    QuestionRows rows;
    @EJB
    Permissions permissions;
    @EJB
    RoomDocuments documents;
    @EJB
    CallerCheck callers;
    @EJB
    Visitors visitors;
    @EJB
    ThrottlingGate throttle;
    @Inject
    MemberContacts contacts;
    @Inject
    Mailer mailer;
    @Inject
    CofferSettings settings;
    @Inject
    Event<QuestionEvent> events;
    @Inject
    Clock clock;

    /** A member asks (QA-3): VIEW on the document (else the uniform 404), then the throttle (QA-9). */
    public Question ask(DocumentId document, String text, Integer page) {
        String t = text(text, "text", MAX_TEXT);
        page(page);
        DocumentEntry entry = documents.entry(document, Permission.VIEW);
        CurrentCaller caller = callers.current();
        throttle.attempt(Throttling.key("question", "user", caller.user().value().toString()), PER_ASKER);
        Instant now = clock.instant();
        UUID id = rows.insert(caller.tenant().value(), entry.roomId().value(), document.value(), page, t,
                caller.user().value(), null, null, now);
        events.fire(new QuestionEvents.Asked(caller.tenant(), id, entry.roomId().value(), document.value(), page,
                caller.user(), null, null, null, now));
        return new Question(id, entry.roomId().value(), document.value(), null, page, t, Question.OPEN, now, true,
                null, List.of());
    }

    /**
     * A visitor asks (QA-4, QA-5): the link's gate and {@code allowQuestions} ({@link Visitors#questionScope}; else 404
     * as an unknown link), a document the link shows this visitor (else 404 as a missing one), the throttle per
     * address (QA-9).
     */
    @TenantOfSecret(SecretKind.SHARE_LINK)
    public Question askAsVisitor(VisitorViews.Request r, UUID document, String text, Integer page) {
        VisitorViews.QuestionScope scope = visitors.questionScope(r);
        if (document == null) {
            throw ValidationException.of("documentId", "is required");
        }
        String t = text(text, "text", MAX_TEXT);
        page(page);
        String name = scope.documents().get(document);
        if (name == null) {
            throw new NotFoundException("no such document");
        }
        throttle.attempt(Throttling.addressKey("question", r.clientAddress()), PER_ASKER);
        Instant now = clock.instant();
        UUID id = rows.insert(scope.tenant().value(), scope.roomId(), document, page, t, null, scope.sessionId(),
                scope.linkId(), now);
        events.fire(new QuestionEvents.Asked(scope.tenant(), id, scope.roomId(), document, page, null,
                scope.sessionId(), scope.email(), scope.linkId(), now));
        return new Question(id, null, document, name, page, t, Question.OPEN, now, true, null, List.of());
    }

    /** A room's questions as the caller may see them, newest first (QA-1, QA-2); the room must be seen (else 404). */
    public List<Question> list(RoomId room, String status) {
        String s = status(status);
        permissions.require(room, Permission.VIEW);
        Map<UUID, Permission> levels = permissions.levels(room);
        UUID me = callers.current().user().value();
        List<QuestionRows.Row> found = rows.ofRoom(room.value(), s);
        Map<UUID, List<Question.Answer>> answers = rows.answersOf(found.stream().map(QuestionRows.Row::id).toList());
        List<Question> out = new ArrayList<>();
        for (QuestionRows.Row q : found) {
            Permission held = levels.getOrDefault(q.document(), Permission.NONE);
            boolean manager = held.atLeast(Permission.MANAGE);
            boolean mine = me.equals(q.askerUser());
            visible(q, held, mine).ifPresent(v -> out.add(view(q, room.value(), null, mine, manager,
                    answers.getOrDefault(q.id(), List.of()), v, true)));
        }
        return out;
    }

    /**
     * What a visitor sees of Q&A (QA-2, QA-4, QA-5): of the documents the link shows this visitor, the questions of this
     * visitor session (with every answer to them) and the published ones (with their published answers).
     */
    @TenantOfSecret(SecretKind.SHARE_LINK)
    public List<Question> listForVisitor(VisitorViews.Request r) {
        VisitorViews.QuestionScope scope = visitors.questionScope(r);
        List<QuestionRows.Row> found = rows.ofRoom(scope.roomId(), null).stream()
                .filter(q -> scope.documents().containsKey(q.document())).toList();
        Map<UUID, List<Question.Answer>> answers = rows.answersOf(found.stream().map(QuestionRows.Row::id).toList());
        List<Question> out = new ArrayList<>();
        for (QuestionRows.Row q : found) {
            boolean mine = scope.sessionId().equals(q.askerSession());
            visible(q, Permission.VIEW, mine).ifPresent(v -> out.add(view(q, null,
                    scope.documents().get(q.document()), mine, false, answers.getOrDefault(q.id(), List.of()), v,
                    false)));
        }
        return out;
    }

    /**
     * A manager of the document answers (QA-6): below MANAGE a question the caller may read is 403, any other the
     * uniform 404 (QA-1: its existence is not told). A published answer publishes the question (QA-2); the asker is
     * mailed after the commit (QA-8).
     */
    public Question.Answer answer(UUID question, String text, Boolean publish) {
        String t = text(text, "text", MAX_ANSWER);
        boolean published = Boolean.TRUE.equals(publish);
        QuestionRows.Row q = rows.find(question).orElseThrow(() -> new NotFoundException("no such question"));
        CurrentCaller caller = callers.current();
        Permission held = permissions.level(new DocumentId(q.document()));
        if (!held.atLeast(Permission.MANAGE)) {
            if (visible(q, held, caller.user().value().equals(q.askerUser())).isPresent()) {
                throw new ForbiddenException("Only the document's managers answer questions.");
            }
            throw new NotFoundException("no such question");
        }
        Instant now = clock.instant();
        String status = published || Question.PUBLISHED.equals(q.status()) ? Question.PUBLISHED : Question.ANSWERED;
        UUID id = rows.answer(q.id(), t, published, caller.user().value(), status, now);
        events.fire(new QuestionEvents.Answered(caller.tenant(), q.id(), id, q.room(), q.document(), published,
                caller.user(), now));
        mailAsker(q, caller.user(), published, t);
        return new Question.Answer(id, t, published, now, caller.user().value());
    }

    /** Which answers a reader with {@code held} on the document sees of it: empty when not the question at all. */
    private static Optional<Boolean> visible(QuestionRows.Row q, Permission held, boolean mine) {
        if (held.atLeast(Permission.MANAGE)) {
            return Optional.of(true); // every answer
        }
        if (!held.atLeast(Permission.VIEW)) {
            return Optional.empty(); // QA-5: nothing of a document the reader cannot see
        }
        if (mine) {
            return Optional.of(true); // the asker reads every answer to them
        }
        return Question.PUBLISHED.equals(q.status()) ? Optional.of(false) : Optional.empty();
    }

    private static Question view(QuestionRows.Row q, UUID room, String documentName, boolean mine, boolean manager,
                                 List<Question.Answer> answers, boolean allAnswers, boolean member) {
        List<Question.Answer> shown = new ArrayList<>();
        for (Question.Answer a : answers) {
            if (allAnswers || a.published()) {
                shown.add(member ? a : new Question.Answer(a.id(), a.text(), a.published(), a.answeredAt(), null));
            }
        }
        Question.Asker asker = !manager ? null : q.askerUser() != null
                ? new Question.Asker("USER", q.askerUser(), null) : new Question.Asker("VISITOR", null, q.link());
        String status = !allAnswers && !mine ? Question.PUBLISHED : q.status();
        return new Question(q.id(), room, q.document(), documentName, q.page(), q.text(), status, q.createdAt(), mine,
                asker, List.copyOf(shown));
    }

    /** QA-8: the asker learns that their question was answered (a member with the answer, a visitor without it). */
    private void mailAsker(QuestionRows.Row q, UserId answerer, boolean published, String answer) {
        String excerpt = q.text().length() > 500 ? q.text().substring(0, 500) + "…" : q.text();
        String where = documents.entry(new DocumentId(q.document()), Permission.VIEW).name();
        String scope = published ? "The answer is published to everyone who can see the document."
                : "The answer is for you only.";
        if (q.askerUser() != null) {
            if (q.askerUser().equals(answerer.value())) {
                return; // a manager answering their own question needs no mail
            }
            contacts.of(new UserId(q.askerUser())).ifPresent(asker -> mailer.sendAfterCommit(new Mail(asker.email(),
                    "Your question about \"" + where + "\" was answered",
                    "Your question about \"" + where + "\" was answered.\n\nYour question:\n" + excerpt
                            + "\n\nThe answer:\n" + answer + "\n\n"
                            + scope + "\nRead it in Coffer: " + settings.publicUrl() + "\n")));
        } else {
            visitors.sessionEmail(q.askerSession()).ifPresent(email -> mailer.sendAfterCommit(new Mail(email,
                    "Your question about \"" + where + "\" was answered",
                    "Your question about \"" + where + "\" was answered.\n\nYour question:\n" + excerpt
                            + "\n\n" + scope
                            + "\nOpen the link you were given to read the answer.\n")));
        }
    }

    static String text(String given, String field, int max) {
        String t = given == null ? null : given.strip();
        if (t == null || t.isEmpty()) {
            throw ValidationException.of(field, "is required");
        }
        if (t.length() > max || t.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r'
                && c != '\t')) {
            throw ValidationException.of(field, "must be at most " + max
                    + " characters without control characters but line breaks");
        }
        return t;
    }

    static void page(Integer page) {
        if (page != null && (page < 1 || page > MAX_PAGE)) {
            throw ValidationException.of("page", "must be a page number from 1");
        }
    }

    static String status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        if (!STATUSES.contains(status)) {
            throw ValidationException.of("status", "must be OPEN, ANSWERED or PUBLISHED");
        }
        return status;
    }
}
