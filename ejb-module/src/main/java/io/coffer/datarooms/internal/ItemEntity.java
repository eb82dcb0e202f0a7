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

/** A folder or the entry of a document in a room's tree (tenant table {@code items}). */
@Entity
@Table(name = "items")
public class ItemEntity extends TenantOwned {
    public static final String FOLDER = "FOLDER";
    public static final String DOCUMENT = "DOCUMENT";

    @Id
    private UUID id;

    @Column(name = "room_id", nullable = false)
    private UUID roomId;

    @Column(name = "parent_id")
    @Convert(converter = NullableUuid.class)
    private UUID parentId;

    @Column(nullable = false)
    private String kind;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private int position;

    @Column(name = "created_by", nullable = false)
    private UUID createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "deleted_at")
    private Instant deletedAt;

    protected ItemEntity() {
    }

    public ItemEntity(UUID roomId, UUID parentId, String kind, String name, int position, UUID createdBy,
                      Instant createdAt) {
        this.id = UUID.randomUUID();
        this.roomId = roomId;
        this.parentId = parentId;
        this.kind = kind;
        this.name = name;
        this.position = position;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    public UUID id() {
        return id;
    }

    public UUID roomId() {
        return roomId;
    }

    public UUID parentId() {
        return parentId;
    }

    public String kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    public int position() {
        return position;
    }

    public boolean deleted() {
        return deletedAt != null;
    }

    public void rename(String newName) {
        this.name = newName;
    }

    public void moveTo(UUID newParent, int newPosition) {
        this.parentId = newParent;
        this.position = newPosition;
    }

    public Instant deletedAt() {
        return deletedAt;
    }

    public void restore() {
        deletedAt = null;
    }

    public void delete(Instant at) {
        if (deletedAt == null) {
            deletedAt = at;
        }
    }
}
