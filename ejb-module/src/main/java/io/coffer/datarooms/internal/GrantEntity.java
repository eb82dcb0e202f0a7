package io.coffer.datarooms.internal;

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
 * A grant of a level to a principal (USER or GROUP) on a room ({@code folderId} null) or a folder (tenant table
 * {@code grants}). Read by the resolver's SQL; written only by replacing a room's whole list.
 */
@Entity
@Table(name = "grants")
public class GrantEntity extends TenantOwned {
    public static final String USER = "USER";
    public static final String GROUP = "GROUP";

    @Id
    private UUID id;

    @Column(name = "room_id", nullable = false)
    private UUID roomId;

    @Column(name = "folder_id")
    @Convert(converter = NullableUuid.class)
    private UUID folderId;

    @Column(name = "principal_type", nullable = false)
    private String principalType;

    @Column(name = "principal_id", nullable = false)
    private UUID principalId;

    @Column(nullable = false)
    private String permission;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected GrantEntity() {
    }

    public GrantEntity(UUID roomId, UUID folderId, String principalType, UUID principalId, String permission,
                       Instant createdAt) {
        this.id = UUID.randomUUID();
        this.roomId = roomId;
        this.folderId = folderId;
        this.principalType = principalType;
        this.principalId = principalId;
        this.permission = permission;
        this.createdAt = createdAt;
    }

    public UUID roomId() {
        return roomId;
    }

    public UUID folderId() {
        return folderId;
    }

    public String principalType() {
        return principalType;
    }

    public UUID principalId() {
        return principalId;
    }

    public String permission() {
        return permission;
    }
}
