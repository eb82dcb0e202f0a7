package io.coffer.api.security;

/**
 * An answer that carries a secret (a token, a key shown once, a signing secret, a ticket URL): {@link SecretAnswers}
 * writes it with its length, so that the HTTP layer never compresses it (FD-35: no secret compressed together with
 * text an attacker may choose).
 */
public interface CarriesSecret {
}
