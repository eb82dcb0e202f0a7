package io.coffer.identity.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** A token signing key (global table {@code signing_keys}); the private part only ever encrypted. */
@Entity
@Table(name = "signing_keys")
@NamedQuery(name = SigningKeyEntity.SERVED, query = "select k from SigningKeyEntity k"
        + " where k.notAfter is null or k.notAfter > :now order by k.createdAt desc")
@NamedQuery(name = SigningKeyEntity.PUBLISHED, query = "select count(k) from SigningKeyEntity k"
        + " where k.kid = :kid and (k.notAfter is null or k.notAfter > :now)")
public class SigningKeyEntity {
    static final String SERVED = "SigningKeyEntity.served";
    static final String PUBLISHED = "SigningKeyEntity.published";

    @Id
    private String kid;

    @Column(name = "public_jwk", nullable = false)
    private String publicJwk;

    @Column(name = "private_key_enc")
    private byte[] privateKeyEncrypted;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "not_after")
    private Instant notAfter;

    protected SigningKeyEntity() {
    }

    SigningKeyEntity(String kid, String publicJwk, byte[] privateKeyEncrypted, Instant createdAt) {
        this.kid = kid;
        this.publicJwk = publicJwk;
        this.privateKeyEncrypted = privateKeyEncrypted;
        this.createdAt = createdAt;
    }

    String kid() {
        return kid;
    }

    String publicJwk() {
        return publicJwk;
    }

    byte[] privateKeyEncrypted() {
        return privateKeyEncrypted;
    }

    Instant createdAt() {
        return createdAt;
    }

    boolean canSign() {
        return privateKeyEncrypted != null && notAfter == null;
    }

    void retire(Instant after) {
        this.notAfter = after;
    }
}
