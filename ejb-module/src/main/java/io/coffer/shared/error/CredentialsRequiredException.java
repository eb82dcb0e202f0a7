package io.coffer.shared.error;

import java.util.List;

/**
 * A share link needs more from its visitor (401 {@code credentials-required}); {@link #requires()} lists what is still
 * missing or wrong, from {@code password}, {@code email}, {@code emailCode}, {@code nda}. An empty list: the visitor
 * token is missing, expired or ended.
 */
public class CredentialsRequiredException extends CofferException {
    private final List<String> requires;

    public CredentialsRequiredException(List<String> requires) {
        super(requires.isEmpty() ? "A valid visitor token is required; open the link again."
                : "More credentials are required: " + String.join(", ", requires) + ".");
        this.requires = List.copyOf(requires);
    }

    public List<String> requires() {
        return requires;
    }
}
