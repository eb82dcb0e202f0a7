package io.coffer.identity;

/** Names of the access-token claims that identity writes and reads (besides the standard sub, groups, exp...). */
public final class TokenClaims {
    /** The user's token version when the token was issued; a password reset or removal increments the user's. */
    public static final String VERSION = "ver";
    /** An API-key token's key id (the activity store names the key as the actor: ACT-3). */
    public static final String API_KEY = "akid";
    /** The session (refresh family) a login's token belongs to; ending the session stops the token (ID-39, ID-41). */
    public static final String SESSION = "sid";

    private TokenClaims() {
    }
}
