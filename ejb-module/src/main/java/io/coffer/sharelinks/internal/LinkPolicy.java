package io.coffer.sharelinks.internal;

import java.util.Optional;

/** One share-link rule: allow (empty) or a reason for refusal. Each rule is a named policy in {@link Policies}. */
@FunctionalInterface
public interface LinkPolicy {
    Optional<Refusal> check(Visit visit);
}
