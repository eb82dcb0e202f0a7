package io.coffer.datarooms;

import io.coffer.shared.FolderId;
import io.coffer.shared.GroupId;
import io.coffer.shared.RoomId;
import io.coffer.shared.TenantId;
import io.coffer.shared.UserId;
import java.time.Instant;
import java.util.UUID;

/** The events datarooms publishes ({@link DataRoomEvent}); ids only, past tense. */
public final class DataRoomEvents {
    private DataRoomEvents() {
    }

    /** {@code dataroom.created}. */
    public record DataRoomCreated(TenantId tenant, RoomId room, UserId actor, Instant at) implements DataRoomEvent {
        @Override
        public String type() {
            return "dataroom.created";
        }
    }

    /**
     * {@code folder.created} (beyond the contract's list: stored and audited, not offered as a trigger): one folder was
     * made, by {@code POST /datarooms/{id}/folders} or as a missing segment of {@code POST /datarooms/{id}/paths}
     * (DR-14); {@code parent} null: at the room's top.
     */
    public record FolderCreated(TenantId tenant, RoomId room, FolderId folder, FolderId parent, UserId actor,
                                Instant at) implements DataRoomEvent {
        @Override
        public String type() {
            return "folder.created";
        }
    }

    /** {@code grant.changed}: a room's grants were replaced ({@code grants} is how many it holds now). */
    public record GrantChanged(TenantId tenant, RoomId room, int grants, UserId actor, Instant at)
            implements DataRoomEvent {
        @Override
        public String type() {
            return "grant.changed";
        }
    }

    /** {@code group.members-changed}: a group's members were replaced (what its members may see changed with it). */
    public record GroupMembersChanged(TenantId tenant, GroupId group, int members, UserId actor, Instant at)
            implements DataRoomEvent {
        @Override
        public String type() {
            return "group.members-changed";
        }
    }

    /**
     * {@code access.denied} (the audit's action for refusals): a member was refused {@code needed} on {@code object}
     * (a room, folder or document id), as not found (below VIEW, or no such object) or forbidden (seen, below the level).
     * Fired inside the transaction the refusal rolls back: see {@link Denials}.
     */
    public record AccessDenied(TenantId tenant, UserId actor, UUID object, Permission needed, Refusal refusal,
                               Instant at) implements DataRoomEvent {
        public enum Refusal { NOT_FOUND, FORBIDDEN }

        @Override
        public String type() {
            return "access.denied";
        }
    }
}
