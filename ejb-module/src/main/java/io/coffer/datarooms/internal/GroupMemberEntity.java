package io.coffer.datarooms.internal;

import io.coffer.tenancy.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** A user's membership in a group (tenant table {@code group_members}). */
@Entity
@Table(name = "group_members")
public class GroupMemberEntity extends TenantOwned {
    @Id
    private UUID id;

    @Column(name = "group_id", nullable = false)
    private UUID groupId;

    @Column(name = "user_id", nullable = false)
    private UUID userId;

    protected GroupMemberEntity() {
    }

    public GroupMemberEntity(UUID groupId, UUID userId) {
        this.id = UUID.randomUUID();
        this.groupId = groupId;
        this.userId = userId;
    }

    public UUID groupId() {
        return groupId;
    }

    public UUID userId() {
        return userId;
    }
}
