package io.coffer.identity.internal;

import io.coffer.tenancy.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A started single sign-on (table {@code sso_logins}), keyed by the SHA-256 of its {@code state} (SSO-4): the hash of
 * the browser's binding cookie (SSO-5), the nonce (SSO-7) and the PKCE verifier (SSO-6). Deleted when its callback
 * comes; rows of sign-ins never finished are swept after their state expired.
 */
@Entity
@Table(name = "sso_logins")
public class SsoLoginEntity extends TenantOwned {

    @Id
    @Column(name = "state_hash")
    private String stateHash;

    @Column(name = "browser_hash", nullable = false)
    private String browserHash;

    @Column(nullable = false)
    private String nonce;

    @Column(name = "code_verifier", nullable = false)
    private String codeVerifier;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected SsoLoginEntity() {
    }

    SsoLoginEntity(String stateHash, String browserHash, String nonce, String codeVerifier, Instant createdAt) {
        this.stateHash = stateHash;
        this.browserHash = browserHash;
        this.nonce = nonce;
        this.codeVerifier = codeVerifier;
        this.createdAt = createdAt;
    }

    String browserHash() {
        return browserHash;
    }

    String nonce() {
        return nonce;
    }

    String codeVerifier() {
        return codeVerifier;
    }
}
