package io.coffer.sharelinks.internal;

import io.coffer.tenancy.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** Who accepted which version of a link's NDA (its text's SHA-256), when and from where ({@code nda_acceptances}). */
@Entity
@Table(name = "nda_acceptances")
public class NdaAcceptanceEntity extends TenantOwned {
    @Id
    UUID id;
    @Column(name = "link_id", nullable = false)
    UUID linkId;
    @Column(name = "session_id", nullable = false)
    UUID sessionId;
    @Column(name = "nda_version", nullable = false)
    int ndaVersion;
    @Column(name = "nda_sha256", nullable = false)
    String ndaSha256;
    @Column(name = "email")
    String email;
    @Column(name = "client_address")
    String clientAddress;
    @Column(name = "accepted_at", nullable = false)
    Instant acceptedAt;

    protected NdaAcceptanceEntity() {
    }

    NdaAcceptanceEntity(UUID linkId, UUID sessionId, int ndaVersion, String ndaSha256, String email,
                        String clientAddress, Instant acceptedAt) {
        this.id = UUID.randomUUID();
        this.linkId = linkId;
        this.sessionId = sessionId;
        this.ndaVersion = ndaVersion;
        this.ndaSha256 = ndaSha256;
        this.email = email;
        this.clientAddress = clientAddress;
        this.acceptedAt = acceptedAt;
    }
}
