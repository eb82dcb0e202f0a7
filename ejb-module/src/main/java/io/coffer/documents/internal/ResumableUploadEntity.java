package io.coffer.documents.internal;

import io.coffer.platform.NullableUuid;
import io.coffer.tenancy.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * An unfinished resumable upload (tenant table {@code resumable_uploads}, DOC-60): whose it is, what it becomes (a new
 * document, or a new version of {@link #documentId()}), its declared length and its expiry. The bytes received so far
 * are a file of {@link PartialFiles}; their durable length is the upload's offset.
 */
@Entity
@Table(name = "resumable_uploads")
public class ResumableUploadEntity extends TenantOwned {
    @Id
    private UUID id;

    @Column(name = "created_by", nullable = false)
    private UUID createdBy;

    @Column(name = "room_id")
    @Convert(converter = NullableUuid.class)
    private UUID roomId;

    @Column(name = "folder_id")
    @Convert(converter = NullableUuid.class)
    private UUID folderId;

    @Column(name = "document_id")
    @Convert(converter = NullableUuid.class)
    private UUID documentId;

    @Column(name = "name")
    private String name;

    @Column(name = "length", nullable = false)
    private long length;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected ResumableUploadEntity() {
    }

    public ResumableUploadEntity(UUID id, UUID createdBy, UUID roomId, UUID folderId, UUID documentId, String name,
                                 long length, Instant createdAt, Instant expiresAt) {
        this.id = id;
        this.createdBy = createdBy;
        this.roomId = roomId;
        this.folderId = folderId;
        this.documentId = documentId;
        this.name = name;
        this.length = length;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    public UUID id() {
        return id;
    }

    public UUID createdBy() {
        return createdBy;
    }

    public UUID roomId() {
        return roomId;
    }

    public UUID folderId() {
        return folderId;
    }

    public UUID documentId() {
        return documentId;
    }

    public String name() {
        return name;
    }

    public long length() {
        return length;
    }

    public Instant expiresAt() {
        return expiresAt;
    }
}
