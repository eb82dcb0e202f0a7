package io.coffer.shared.error;

import java.util.List;

/**
 * The password was right, and the account needs its second factor (401 {@code mfa-required}, MFA-5):
 * {@link #mfaToken()} (single use, 5 minutes) goes to {@code POST /auth/mfa} with a code of one of {@link #methods()}.
 * Thrown after the transaction that issued the token committed.
 */
public class MfaRequiredException extends CofferException {
    private final transient String mfaToken;
    private final List<String> methods;

    public MfaRequiredException(String mfaToken, List<String> methods) {
        super("The password is right; complete the login with a second factor.");
        this.mfaToken = mfaToken;
        this.methods = List.copyOf(methods);
    }

    public String mfaToken() {
        return mfaToken;
    }

    public List<String> methods() {
        return methods;
    }
}
