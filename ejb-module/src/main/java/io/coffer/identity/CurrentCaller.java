package io.coffer.identity;

import io.coffer.shared.TenantId;
import io.coffer.shared.UserId;

/**
 * Who calls, for the modules above identity: the user, their tenant, the role they act with right now (for an API-key
 * token capped by its scopes and never above the user's current role: ID-25) and whether they may only read (an
 * API key of scope {@code read}: every method but GET and HEAD is refused, ID-26). This is the one answer to "who is
 * the caller and what may they do": no module reads the caller's role anywhere else.
 */
public record CurrentCaller(UserId user, TenantId tenant, Role role, boolean readOnly, boolean secondFactorDue) {
    /*
     * secondFactorDue: the tenant requires a second factor and this session has not passed one (MFA-14); the web
     * layer then refuses it everything but enrolling one (403 mfa-enrolment-required). Never for an API-key token.
     */
}
