package io.coffer.questions;

import io.coffer.shared.CofferEvent;

/** The events of Q&A ({@link QuestionEvents}): publishers inject {@code Event<QuestionEvent>}. */
public sealed interface QuestionEvent extends CofferEvent permits QuestionEvents.Asked, QuestionEvents.Answered {
}
