package io.coffer.identity.internal;

import io.coffer.identity.CurrentCaller;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/**
 * The caller as the check at the start of this request found them (ID-38): the web layer checks every authenticated
 * request before its body is read ({@code io.coffer.identity.RequestCallers}), and the module calls of the same
 * request that ask who calls get that answer instead of reading the database again. Request-scoped: the next request
 * checks again, so a role or token-version change still takes effect on the next request (ID-25). Kept by the exact
 * text of the token MicroProfile JWT verified; a call with another token, or outside a request (timers, asynchronous
 * work), finds nothing here and checks the full way.
 */
@RequestScoped
public class CheckedCallers {

    private String token;
    private CurrentCaller caller;

    void remember(String rawToken, CurrentCaller checked) {
        this.token = rawToken;
        this.caller = checked;
    }

    Optional<CurrentCaller> of(String rawToken) {
        return rawToken != null && rawToken.equals(token) ? Optional.of(caller) : Optional.empty();
    }
}
