package io.coffer.identity.internal;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

/** Transactional entry to {@link SigningKeys} for start-up and key rotation. */
@Stateless
@PermitAll
public class KeyKeeper {

    @Inject
    SigningKeys keys;

    public void ensureSigningKey() {
        keys.signingKey();
    }
}
