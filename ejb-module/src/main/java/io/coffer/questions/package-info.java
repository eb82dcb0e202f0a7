/**
 * Q&A on documents (docs/features/questions.md, QA-1..QA-10): members with VIEW and visitors of links with
 * {@code allowQuestions} ask about a document; the document's managers answer, privately to the asker or published to
 * everyone who can see the document; the asker is mailed. Public face: {@link io.coffer.questions.Questions} and its
 * records; events {@link io.coffer.questions.QuestionEvents}. Above datarooms, documents and share links (it asks
 * them what a caller or a visitor sees); nothing below depends on it. The SQL is {@code internal.QuestionRows}.
 */
package io.coffer.questions;
