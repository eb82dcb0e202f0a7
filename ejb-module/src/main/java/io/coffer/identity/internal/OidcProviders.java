package io.coffer.identity.internal;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import io.coffer.platform.CofferSettings;
import io.coffer.platform.SsrfGuard;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * The one place that speaks OpenID Connect to a tenant's provider (docs/features/sso.md): discovery (SSO-3), the
 * authentication request with PKCE (SSO-6), the code exchange and the ID token's checks (SSO-7), all with the Nimbus
 * SDK. Its requests go out through Apache HttpClient with the SSRF guard's resolver, 5 s to connect, 10 s to read and
 * at most 1 MiB an answer (SSO-13). A failure is a {@link ProviderFailure} whose message names the step, never a token.
 */
@ApplicationScoped
public class OidcProviders {

    /** What the provider answered, checked: where to send the browser, where to redeem codes, where its keys are. */
    public record Provider(Issuer issuer, URI authorization, URI token, URI jwks) {
    }

    /** The ID token's checked claims that Coffer uses. */
    public record Identity(String subject, String email, boolean emailVerified, String name) {
        @Override
        public String toString() {
            return "Identity[" + subject + "]";
        }
    }

    /** A step with the provider failed; the message is safe to show (SSO-12). */
    public static final class ProviderFailure extends Exception {
        ProviderFailure(String message) {
            super(message);
        }
    }

    static final int MAX_ANSWER_BYTES = 1 << 20;
    /** SSO-7: only asymmetric signatures (a symmetric one would be keyed with the client secret). */
    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384,
            JWSAlgorithm.ES512, JWSAlgorithm.EdDSA);

    @Inject
    CofferSettings settings;

    private volatile CloseableHttpClient client;

    /** SSO-13: the issuer's shape: https, or http for a loopback host when private providers are allowed. */
    public URI checkedIssuer(String issuer) throws ProviderFailure {
        URI uri;
        try {
            uri = SsrfGuard.checkedUrl(issuer);
        } catch (SsrfGuard.Refused refused) {
            throw new ProviderFailure("The issuer " + refused.getMessage() + ".");
        }
        if (uri.getRawQuery() != null) {
            throw new ProviderFailure("The issuer must not have a query.");
        }
        if (uri.getScheme().equalsIgnoreCase("http") && !(settings.ssoAllowPrivate() && loopback(uri.getHost()))) {
            throw new ProviderFailure("The issuer must be an https URL.");
        }
        return uri;
    }

    private static boolean loopback(String host) {
        try {
            String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
            for (InetAddress a : InetAddress.getAllByName(bare)) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** SSO-3: the provider's discovery document, which must name exactly this issuer and offer the code flow. */
    public Provider discover(String issuer) throws ProviderFailure {
        URI checked = checkedIssuer(issuer);
        String base = checked.toString().replaceAll("/+$", "");
        String json = send(new HTTPRequest(HTTPRequest.Method.GET, URI.create(base
                + "/.well-known/openid-configuration")), "discovery").getBody();
        OIDCProviderMetadata metadata;
        try {
            metadata = OIDCProviderMetadata.parse(json);
        } catch (com.nimbusds.oauth2.sdk.ParseException | RuntimeException e) {
            throw new ProviderFailure("The provider's discovery document is not OpenID Connect metadata.");
        }
        if (!metadata.getIssuer().getValue().equals(issuer.strip())) {
            throw new ProviderFailure("The provider names another issuer (" + metadata.getIssuer().getValue()
                    + ") than the one set.");
        }
        if (metadata.getResponseTypes() != null && !metadata.getResponseTypes().contains(ResponseType.CODE)) {
            throw new ProviderFailure("The provider does not offer the authorization code flow.");
        }
        if (metadata.getAuthorizationEndpointURI() == null || metadata.getTokenEndpointURI() == null
                || metadata.getJWKSetURI() == null) {
            throw new ProviderFailure("The provider's discovery document lacks an authorization, token or keys"
                    + " endpoint.");
        }
        for (URI endpoint : List.of(metadata.getAuthorizationEndpointURI(), metadata.getTokenEndpointURI(),
                metadata.getJWKSetURI())) {
            checkedIssuer(endpoint.toString().replaceAll("\\?.*$", "")); // the same rules for every endpoint
        }
        return new Provider(metadata.getIssuer(), metadata.getAuthorizationEndpointURI(),
                metadata.getTokenEndpointURI(), metadata.getJWKSetURI());
    }

    /** Where the browser goes: the code flow with {@code state}, {@code nonce} and PKCE (S256). */
    public URI authenticationRequest(Provider provider, String clientId, URI redirect, String state, String nonce,
                                     String codeVerifier) {
        return new AuthenticationRequest.Builder(ResponseType.CODE, new Scope("openid", "email", "profile"),
                new ClientID(clientId), redirect)
                .endpointURI(provider.authorization())
                .state(new State(state))
                .nonce(new Nonce(nonce))
                .codeChallenge(new CodeVerifier(codeVerifier), CodeChallengeMethod.S256)
                .build().toURI();
    }

    /**
     * A fresh random value of the SDK's (256 bits, base64url) for a nonce or the browser's binding: neither is a
     * secret the token index holds (the state is, SSO-4), so not one of OneTimeSecrets' (FD-31).
     */
    public static String newRandom() {
        return new Nonce().getValue();
    }

    /** A fresh PKCE verifier (the SDK's: 256 random bits, base64url). */
    public static String newCodeVerifier() {
        return new CodeVerifier().getValue();
    }

    /**
     * SSO-6, SSO-7: redeems {@code code} with the client secret and the PKCE verifier, and checks the ID token: its
     * signature against the provider's JWKS with an asymmetric algorithm, the issuer, the audience, the expiry and the
     * nonce.
     */
    public Identity redeem(Provider provider, String clientId, String clientSecret, URI redirect, String code,
                           String codeVerifier, String nonce) throws ProviderFailure {
        TokenRequest request = new TokenRequest(provider.token(),
                new ClientSecretBasic(new ClientID(clientId), new Secret(clientSecret)),
                new AuthorizationCodeGrant(new AuthorizationCode(code), redirect, new CodeVerifier(codeVerifier)));
        HTTPResponse answer = send(request.toHTTPRequest(), "the code exchange", true);
        TokenResponse parsed;
        try {
            parsed = OIDCTokenResponseParser.parse(answer);
        } catch (com.nimbusds.oauth2.sdk.ParseException e) {
            throw new ProviderFailure("The provider's token answer is not OpenID Connect.");
        }
        if (!parsed.indicatesSuccess()) {
            TokenErrorResponse error = parsed.toErrorResponse();
            String reason = error.getErrorObject() == null ? "" : " (" + error.getErrorObject().getCode() + ")";
            throw new ProviderFailure("The provider refused the sign-in's code" + reason
                    + ": it was used before, expired, or belongs to another sign-in.");
        }
        JWT idToken = ((OIDCTokenResponse) parsed.toSuccessResponse()).getOIDCTokens().getIDToken();
        if (!(idToken instanceof SignedJWT signed)) {
            throw new ProviderFailure("The provider's ID token is not signed.");
        }
        JWSAlgorithm algorithm = signed.getHeader().getAlgorithm();
        if (!ALGORITHMS.contains(algorithm)) {
            throw new ProviderFailure("The provider's ID token is signed with " + algorithm
                    + ", which Coffer does not accept.");
        }
        JWKSet keys;
        try {
            keys = JWKSet.parse(send(new HTTPRequest(HTTPRequest.Method.GET, provider.jwks()), "the keys").getBody());
        } catch (java.text.ParseException e) {
            throw new ProviderFailure("The provider's keys are not a JWK set.");
        }
        IDTokenClaimsSet claims;
        try {
            claims = new IDTokenValidator(provider.issuer(), new ClientID(clientId), algorithm, keys)
                    .validate(JWTParser.parse(signed.serialize()), new Nonce(nonce));
        } catch (com.nimbusds.jose.proc.BadJOSEException | com.nimbusds.jose.JOSEException
                 | java.text.ParseException e) {
            throw new ProviderFailure("The provider's ID token did not pass its checks (" + reason(e) + ").");
        }
        Object verified = claims.getClaim("email_verified");
        boolean emailVerified = Boolean.TRUE.equals(verified) || "true".equals(verified);
        String email = claims.getStringClaim("email");
        String name = claims.getStringClaim("name");
        return new Identity(claims.getSubject().getValue(), email, emailVerified, name);
    }

    /** The validator's words for what failed (signature, issuer, audience, expiry, nonce), without token content. */
    private static String reason(Exception e) {
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        for (String word : List.of("signature", "issuer", "audience", "expired", "nonce")) {
            if (message.contains(word)) {
                return word.equals("expired") ? "expiry" : word;
            }
        }
        return "signature or claims";
    }

    private HTTPResponse send(HTTPRequest request, String step) throws ProviderFailure {
        return send(request, step, false);
    }

    /**
     * Sends the SDK's request with HttpClient (SSO-13) and hands the answer back to the SDK. Statuses other than 2xx are
     * a failure unless {@code errorsParsed} (the token endpoint answers its errors as 400 JSON).
     */
    private HTTPResponse send(HTTPRequest request, String step, boolean errorsParsed) throws ProviderFailure {
        HttpUriRequestBase out = new HttpUriRequestBase(request.getMethod().name(), request.getURI());
        @SuppressWarnings("unchecked")
        Map<String, List<String>> headers = request.getHeaderMap();
        headers.forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type")) {
                values.forEach(v -> out.addHeader(name, v));
            }
        });
        if (request.getBody() != null) {
            out.setEntity(new StringEntity(request.getBody(), ContentType.APPLICATION_FORM_URLENCODED));
        }
        out.setHeader("Accept", "application/json");
        try {
            return client().execute(out, response -> {
                HTTPResponse answer = new HTTPResponse(response.getCode());
                for (Header h : response.getHeaders()) {
                    answer.setHeader(h.getName(), h.getValue());
                }
                if (response.getEntity() != null) {
                    try (InputStream in = response.getEntity().getContent()) {
                        byte[] body = in.readNBytes(MAX_ANSWER_BYTES + 1);
                        if (body.length > MAX_ANSWER_BYTES) {
                            throw new IOException("more than 1 MiB");
                        }
                        answer.setBody(new String(body, StandardCharsets.UTF_8));
                    }
                }
                return answer;
            });
        } catch (SsrfGuard.RefusedHost refused) {
            throw new ProviderFailure("The provider's address is not allowed (" + refused.getMessage() + ").");
        } catch (java.net.SocketTimeoutException e) {
            throw new ProviderFailure("The provider did not answer " + step + " in time.");
        } catch (IOException e) {
            throw new ProviderFailure("The provider could not be reached for " + step + ".");
        }
    }

    private CloseableHttpClient client() {
        CloseableHttpClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    SsrfGuard guard = new SsrfGuard(settings.ssoAllowPrivate(), SsrfGuard.SYSTEM);
                    client = guard.httpClient(Timeout.ofSeconds(5), Timeout.ofSeconds(10), "Coffer-SSO/1");
                }
                c = client;
            }
        }
        return c;
    }

    @PreDestroy
    void close() {
        try {
            if (client != null) {
                client.close();
            }
        } catch (IOException e) {
            // closing at stop: nothing to do
        }
    }
}
