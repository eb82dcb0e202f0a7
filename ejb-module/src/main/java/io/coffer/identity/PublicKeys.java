package io.coffer.identity;

import io.coffer.identity.internal.SigningKeys;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

/** The JWKS document of the keys that verify Coffer's access tokens (public parts only). */
@Stateless
@PermitAll
public class PublicKeys {

    @Inject
    SigningKeys keys;

    public String jwks() {
        return keys.publicJwks();
    }
}
