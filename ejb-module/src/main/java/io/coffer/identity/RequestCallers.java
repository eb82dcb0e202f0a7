package io.coffer.identity;

import io.coffer.identity.internal.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The web layer's check of an authenticated request, before its body is read (ID-38): is the bearer of this verified
 * token still a current caller, and how do they act? One statement outside any transaction (no EJB call, no
 * container transaction), the same rules as {@link CallerCheck#current()}; the answer serves the module calls of the
 * same request. {@link io.coffer.shared.error.UnauthenticatedException} when they are not (one answer for every
 * reason); 503 when the database does not answer.
 */
@ApplicationScoped
public class RequestCallers {

    @Inject
    Caller caller;

    public CurrentCaller check(JsonWebToken token) {
        return caller.checkRequest(token);
    }
}
